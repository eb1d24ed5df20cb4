using System;
using System.Linq;

namespace PasswordReset.Users
{
    /// <summary>Builds a Graph <c>$search</c> value for users (graph-facts.md §4).</summary>
    public static class SearchExpression
    {
        /// <summary>The properties a plain word is searched in.</summary>
        public static readonly string[] Properties = { "displayName", "mail", "userPrincipalName" };

        /// <summary>
        /// A value that already contains <c>"</c> is Graph syntax and is passed through. A word such as <c>mail:adele</c>
        /// searches that property. Otherwise each word must match one of <see cref="Properties"/>: <c>("displayName:w" OR "mail:w" OR "userPrincipalName:w")</c>, words joined
        /// with <c>AND</c>; <c>"</c> and <c>\</c> inside a clause are backslash-escaped.
        /// </summary>
        /// <exception cref="ArgumentException">The value is empty or white space only.</exception>
        public static string Build(string search)
        {
            if (search is null || search.Trim().Length == 0)
            {
                throw new ArgumentException("The search text is empty.", nameof(search));
            }

            if (search.IndexOf('"') >= 0) return search;

            string[] words = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var clauses = words.Select(w =>
            {
                string escaped = w.Replace("\\", "\\\\").Replace("\"", "\\\"");
                // A word such as mail:adele already names its property.
                if (NamesAProperty(w)) return $"\"{escaped}\"";
                string any = string.Join(" OR ", Properties.Select(p => $"\"{p}:{escaped}\""));
                return words.Length == 1 ? any : "(" + any + ")";
            });
            return string.Join(" AND ", clauses);
        }

        private static bool NamesAProperty(string word)
        {
            int colon = word.IndexOf(':');
            return colon > 0 && colon < word.Length - 1 && word.Take(colon).All(char.IsLetter);
        }
    }
}
