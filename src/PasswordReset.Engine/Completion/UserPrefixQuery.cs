using System;

namespace PasswordReset.Completion
{
    /// <summary>
    /// The Graph query that finds users by what an admin typed: <c>startswith</c> on <c>userPrincipalName</c> or
    /// <c>displayName</c>, both supported for users without advanced-query headers (graph-facts.md §4), in one
    /// <c>$filter</c>, with the same case-insensitive test applied locally to narrow a cached answer.
    /// </summary>
    internal static class UserPrefixQuery
    {
        /// <summary>The properties the completion reads; nothing else is <c>$select</c>ed.</summary>
        public static readonly string[] Select = { "id", "userPrincipalName", "displayName" };

        /// <summary>
        /// <c>startswith(userPrincipalName,'p') or startswith(displayName,'p')</c> with apostrophes doubled inside the
        /// literal (graph-facts.md §3); the SDK percent-encodes the whole value once.
        /// </summary>
        public static string Filter(string prefix)
        {
            string literal = "'" + prefix.Replace("'", "''") + "'";
            return $"startswith(userPrincipalName,{literal}) or startswith(displayName,{literal})";
        }

        /// <summary>What <see cref="Filter"/> asks Graph, asked of one user: Graph's <c>startswith</c> ignores case.</summary>
        public static bool Matches(UserSuggestion user, string prefix) =>
            StartsWith(user.UserPrincipalName, prefix) || StartsWith(user.DisplayName, prefix);

        private static bool StartsWith(string? text, string prefix) =>
            text != null && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
