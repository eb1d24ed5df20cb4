using System;

namespace PasswordReset
{
    /// <summary>
    /// What <c>Revoke-AadUserSignInSession</c> emits for each user whose sign-in sessions Microsoft Graph revoked
    /// (<c>POST /v1.0/users/{id}/revokeSignInSessions</c> answered 2xx; graph-facts.md §9). Only the module creates it.
    /// </summary>
    public sealed class SessionRevocationResult
    {
        /// <summary>The user's immutable object id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The user's userPrincipalName.</summary>
        public string? UserPrincipalName { get; internal set; }

        /// <summary>The user's display name.</summary>
        public string? DisplayName { get; internal set; }

        /// <summary>
        /// True: Graph accepted the revocation. Refresh tokens and session cookies issued before it stop working (it can take
        /// a few minutes); the user signs in again.
        /// </summary>
        public bool SessionsRevoked { get; internal set; }

        /// <summary>When Graph accepted the revocation, in UTC.</summary>
        public DateTimeOffset? SessionsRevokedDateTime { get; internal set; }

        /// <summary>The <c>request-id</c> response header of the revocation, for Microsoft support.</summary>
        public string? RequestId { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => UserPrincipalName ?? Id;
    }
}
