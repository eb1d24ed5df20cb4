using System;

namespace PasswordReset.Resets
{
    /// <summary>
    /// What the journal of an earlier run says about one user: the last password sent to it (generated passwords only)
    /// and whether Graph's acceptance was recorded.
    /// </summary>
    public sealed class JournalRecord
    {
        internal JournalRecord(string userId)
        {
            UserId = userId;
        }

        /// <summary>The user's object id.</summary>
        public string UserId { get; }

        /// <summary>The userPrincipalName at the time of the reset.</summary>
        public string? UserPrincipalName { get; internal set; }

        /// <summary>The display name at the time of the reset.</summary>
        public string? DisplayName { get; internal set; }

        /// <summary>The last generated password sent; null when the admin supplied the password.</summary>
        public string? Password { get; internal set; }

        /// <summary>The flags that were sent with it.</summary>
        public bool ForceChangePasswordNextSignIn { get; internal set; }

        /// <summary>The flags that were sent with it.</summary>
        public bool ForceChangePasswordNextSignInWithMfa { get; internal set; }

        /// <summary>True once Graph's acceptance of the last password was recorded.</summary>
        public bool Succeeded { get; internal set; }

        /// <summary>When Graph accepted it.</summary>
        public DateTimeOffset? ResetTime { get; internal set; }

        /// <summary>The request-id of the accepting answer.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>When Graph accepted the revocation of the user's sessions after the last reset (<c>-RevokeSessions</c>); null when none was recorded.</summary>
        public DateTimeOffset? SessionsRevokedDateTime { get; internal set; }

        /// <summary>True for a user synced from on-premises AD.</summary>
        public bool OnPremisesSyncEnabled { get; internal set; }
    }
}
