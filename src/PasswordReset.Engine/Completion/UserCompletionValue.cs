namespace PasswordReset.Completion
{
    /// <summary>Which of a found user's values a completion inserts.</summary>
    public enum UserCompletionValue
    {
        /// <summary>The userPrincipalName (for <c>-UserPrincipalName</c>).</summary>
        UserPrincipalName,

        /// <summary>The object id (for <c>-Id</c>): Graph cannot <c>startswith</c> on id, so users are still found by name.</summary>
        Id,
    }
}
