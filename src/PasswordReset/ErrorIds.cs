namespace PasswordReset.Commands
{
    /// <summary>
    /// The catalogue of error ids the cmdlets write (the first part of <c>FullyQualifiedErrorId</c>).
    /// Stable: scripts match on them. The same condition has the same id and severity in every cmdlet.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>No <c>Connect-AadGraph</c> in this session (terminating).</summary>
        public const string NotConnected = nameof(NotConnected);
        /// <summary>Entra ID refused the sign-in (wrong secret, unknown certificate, no managed identity, ...) (terminating).</summary>
        public const string SignInFailed = nameof(SignInFailed);
        /// <summary>Connect-AadGraph was given settings that cannot work (terminating).</summary>
        public const string InvalidConnectionSettings = nameof(InvalidConnectionSettings);
        /// <summary>An identity value that cannot name a user: empty, white space, control characters, or none given.</summary>
        public const string InvalidUserIdentity = nameof(InvalidUserIdentity);
        /// <summary>Two parameters that contradict each other (terminating, nothing sent).</summary>
        public const string ParameterConflict = nameof(ParameterConflict);
        /// <summary>A <c>-Filter</c> or other query value refused before any call.</summary>
        public const string InvalidQuery = nameof(InvalidQuery);
        /// <summary><c>-NewPassword</c> breaks the Entra password policy (terminating, nothing sent).</summary>
        public const string NewPasswordNotCompliant = nameof(NewPasswordNotCompliant);
        /// <summary>Graph 404: no such user.</summary>
        public const string UserNotFound = nameof(UserNotFound);
        /// <summary>Graph 403: missing permission or a role not allowed to act on this user (reset, revoke, issue a pass).</summary>
        public const string PermissionDenied = nameof(PermissionDenied);
        /// <summary>Graph 401: the token is missing, expired or not valid for Graph.</summary>
        public const string AuthenticationFailed = nameof(AuthenticationFailed);
        /// <summary>Graph 400 for the password: complexity or banned-password list.</summary>
        public const string PasswordRejected = nameof(PasswordRejected);
        /// <summary>Graph 400 for another reason (e.g. an invalid <c>$filter</c>).</summary>
        public const string GraphBadRequest = nameof(GraphBadRequest);
        /// <summary>A B2B guest / external account: its password is reset in its home tenant. Refused before any PATCH.</summary>
        public const string ExternalUserPasswordNotManaged = nameof(ExternalUserPasswordNotManaged);
        /// <summary>Graph 400 "on-premises mastered": a synced user while password writeback is off.</summary>
        public const string SyncedUserWritebackRequired = nameof(SyncedUserWritebackRequired);
        /// <summary>Graph 400 for a user of a federated domain: the password lives at the identity provider.</summary>
        public const string FederatedUserPasswordNotManaged = nameof(FederatedUserPasswordNotManaged);
        /// <summary>The token's claims show that no reset can succeed: no reset permission, or only directory roles that cannot reset (terminating, before any request).</summary>
        public const string PasswordResetPermissionMissing = nameof(PasswordResetPermissionMissing);
        /// <summary>An input names a user already handled in this run; nothing was sent for it.</summary>
        public const string DuplicateInput = nameof(DuplicateInput);
        /// <summary>Retries ran out for a reset that Graph may have applied: the password may have changed; reset the user again.</summary>
        public const string ResetOutcomeUnknown = nameof(ResetOutcomeUnknown);
        /// <summary>The -JournalPath cannot be used (exists without -Resume, another tenant's, unreadable) (terminating, nothing sent).</summary>
        public const string JournalUnavailable = nameof(JournalUnavailable);
        /// <summary>Paging that cannot end: a next link already followed, or empty pages that keep carrying one.</summary>
        public const string GraphPagingFailed = nameof(GraphPagingFailed);
        /// <summary>The session cannot ask for the confirmation a reset needs (no interactive console) (terminating; nothing sent for that input).</summary>
        public const string ConfirmationUnavailable = nameof(ConfirmationUnavailable);
        /// <summary>The token's claims show that no revocation can succeed: no permission that allows revokeSignInSessions (terminating, before any request).</summary>
        public const string SessionRevocationPermissionMissing = nameof(SessionRevocationPermissionMissing);
        /// <summary>The password was reset and its result written, but revoking the user's sign-in sessions after it failed (<c>-RevokeSessions</c>).</summary>
        public const string SessionRevocationFailed = nameof(SessionRevocationFailed);
        /// <summary>A B2B guest / external account: its sessions live in its home tenant, and Graph does not revoke them here. Refused before the revocation is sent.</summary>
        public const string ExternalUserSessionsNotManaged = nameof(ExternalUserSessionsNotManaged);
        /// <summary>The token's claims show that no Temporary Access Pass can be created: no permission, or only directory roles that may not (terminating, before any request).</summary>
        public const string AccessPassPermissionMissing = nameof(AccessPassPermissionMissing);
        /// <summary>The tenant's Temporary Access Pass policy refuses the pass (disabled, the user out of scope, one-time passes only).</summary>
        public const string AccessPassPolicyRefused = nameof(AccessPassPolicyRefused);
        /// <summary>The pass's lifetime is outside the minimum and maximum of the tenant's Temporary Access Pass policy (Graph's answer).</summary>
        public const string AccessPassLifetimeRefused = nameof(AccessPassLifetimeRefused);
        /// <summary>Retries ran out for a pass Graph may have created: a pass may exist, its code unknown; issue one again.</summary>
        public const string AccessPassOutcomeUnknown = nameof(AccessPassOutcomeUnknown);
        /// <summary>A B2B guest / external account: a Temporary Access Pass cannot be added to it. Refused before the create is sent.</summary>
        public const string ExternalUserAccessPassNotAllowed = nameof(ExternalUserAccessPassNotAllowed);
        /// <summary>-StartDateTime of a Temporary Access Pass is in the past or beyond what can be represented (terminating, nothing sent).</summary>
        public const string InvalidAccessPassStart = nameof(InvalidAccessPassStart);
        /// <summary>Graph 429 after the retries.</summary>
        public const string Throttled = nameof(Throttled);
        /// <summary>Graph 5xx after the retries.</summary>
        public const string GraphUnavailable = nameof(GraphUnavailable);
        /// <summary>No response: network, DNS, TLS or timeout.</summary>
        public const string GraphUnreachable = nameof(GraphUnreachable);
        /// <summary>Any other Graph status.</summary>
        public const string GraphRequestFailed = nameof(GraphRequestFailed);
    }
}
