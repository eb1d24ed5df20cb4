namespace PasswordReset.Completion
{
    /// <summary>A user as the completion lists it: the three properties it <c>$select</c>s.</summary>
    internal sealed class UserSuggestion
    {
        public UserSuggestion(string id, string? userPrincipalName, string? displayName)
        {
            Id = id;
            UserPrincipalName = userPrincipalName;
            DisplayName = displayName;
        }

        /// <summary>Graph's <c>id</c> (object id).</summary>
        public string Id { get; }

        /// <summary>Graph's <c>userPrincipalName</c>.</summary>
        public string? UserPrincipalName { get; }

        /// <summary>Graph's <c>displayName</c>.</summary>
        public string? DisplayName { get; }
    }
}
