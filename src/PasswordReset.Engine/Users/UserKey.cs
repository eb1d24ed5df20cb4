namespace PasswordReset.Users
{
    /// <summary>How a user key is put into a URL (graph-facts.md §3).</summary>
    internal static class UserKey
    {
        /// <summary>
        /// True for a key that begins with <c>$</c>: Graph reads <c>/users/$x</c> as a system query option and
        /// answers 400, so such keys go in the alternate-key form <c>/users(userPrincipalName='$x')</c>.
        /// </summary>
        public static bool NeedsAlternateKey(string key) => key.StartsWith("$", System.StringComparison.Ordinal);

        /// <summary>The key as the body of an OData string literal: apostrophes doubled. The SDK then percent-encodes it once.</summary>
        public static string ODataLiteral(string key) => key.Replace("'", "''");
    }
}
