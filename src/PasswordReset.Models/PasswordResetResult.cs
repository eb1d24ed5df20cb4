using System;

namespace PasswordReset
{
    /// <summary>
    /// What <c>Reset-AadUserPassword</c> emits for each user whose reset Microsoft Graph accepted
    /// (<c>PATCH /v1.0/users/{id}</c> answered 204 No Content) — with <c>-RevokeSessions</c>, once the revocation that
    /// follows is answered too.
    /// Only the module creates it, with the values Graph returned: its properties cannot be set from outside, so an
    /// edited or hand-made object cannot point a reset at another user (copies such as Select-Object output are other
    /// objects and are looked up by id like any input).
    /// </summary>
    public sealed class PasswordResetResult
    {
        /// <summary>The user's immutable object id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The user's userPrincipalName.</summary>
        public string? UserPrincipalName { get; internal set; }

        /// <summary>The user's display name.</summary>
        public string? DisplayName { get; internal set; }

        /// <summary>
        /// The generated temporary password, in plain text because the admin has to hand it over
        /// (the Entra admin center shows it the same way). Null when the admin supplied <c>-NewPassword</c>.
        /// </summary>
        public string? TemporaryPassword { get; internal set; }

        /// <summary>The <c>passwordProfile.forceChangePasswordNextSignIn</c> value that was sent.</summary>
        public bool ForceChangePasswordNextSignIn { get; internal set; }

        /// <summary>The <c>passwordProfile.forceChangePasswordNextSignInWithMfa</c> value that was sent.</summary>
        public bool ForceChangePasswordNextSignInWithMfa { get; internal set; }

        /// <summary>When Graph accepted the reset, in UTC (offset zero).</summary>
        public DateTimeOffset ResetTime { get; internal set; }

        /// <summary>The <c>request-id</c> response header of the PATCH, for Microsoft support.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>True for a user synced from on-premises AD: the new password reaches AD through password writeback.</summary>
        public bool OnPremisesSyncEnabled { get; internal set; }

        /// <summary>
        /// True when <c>-RevokeSessions</c> was given and Graph accepted the revocation of the user's sign-in sessions
        /// (<c>POST /v1.0/users/{id}/revokeSignInSessions</c>, sent after the reset was accepted; graph-facts.md §9): refresh
        /// tokens and session cookies issued before it stop working, within a few minutes. False without <c>-RevokeSessions</c>,
        /// and when the revocation failed (a SessionRevocationFailed error then follows this result).
        /// </summary>
        public bool SessionsRevoked { get; internal set; }

        /// <summary>When Graph accepted the revocation, in UTC; null when the sessions were not revoked.</summary>
        public DateTimeOffset? SessionsRevokedDateTime { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => UserPrincipalName ?? Id;
    }
}
