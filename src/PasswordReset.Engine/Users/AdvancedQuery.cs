using System;
using System.Collections.Generic;
using System.Text;

namespace PasswordReset.Users
{
    /// <summary>
    /// Decides when a user query is an Entra "advanced query" that needs the <c>ConsistencyLevel: eventual</c> header
    /// and <c>$count=true</c> (graph-facts.md §4, learn.microsoft.com/graph/aad-advanced-queries): <c>$search</c>, and a
    /// <c>$filter</c> using <c>ne</c>, <c>not</c>, <c>endsWith</c> or a collection's <c>/$count</c>. Without them Graph answers 400 Request_UnsupportedQuery
    /// for a valid query, which admins should never see.
    /// </summary>
    public static class AdvancedQuery
    {
        private static readonly HashSet<string> AdvancedOperators = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ne", "not", "endswith" };

        /// <summary>True when <paramref name="filter"/> uses an operator that only works as an advanced query.</summary>
        public static bool FilterNeedsIt(string? filter)
        {
            if (string.IsNullOrEmpty(filter)) return false;
            foreach (string word in Words(filter!))
            {
                // "/$count eq 0" on a collection is an advanced query too (graph-facts.md §4).
                if (AdvancedOperators.Contains(word) || word.EndsWith("/$count", StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        // The filter's bare words, skipping OData string literals ('...' with '' as an escaped apostrophe),
        // so a value such as 'not here' is not mistaken for the operator.
        private static IEnumerable<string> Words(string filter)
        {
            var word = new StringBuilder();
            for (int i = 0; i < filter.Length; i++)
            {
                char c = filter[i];
                if (c == '\'')
                {
                    if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                    i++;
                    while (i < filter.Length && !(filter[i] == '\'' && (i + 1 >= filter.Length || filter[i + 1] != '\''))) i += filter[i] == '\'' ? 2 : 1;
                    continue;
                }

                if (char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '$')
                {
                    word.Append(c);
                }
                else if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }

            if (word.Length > 0) yield return word.ToString();
        }
    }
}
