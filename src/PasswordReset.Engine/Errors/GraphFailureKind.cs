namespace PasswordReset.Errors
{
    /// <summary>What a failed Graph request means for the admin; decided once, in <see cref="GraphRequestException.Kind"/>.</summary>
    public enum GraphFailureKind
    {
        /// <summary>Any other status.</summary>
        Other,
        /// <summary>No response: network, DNS, TLS or timeout.</summary>
        Unreachable,
        /// <summary>400 for another reason than the ones below.</summary>
        BadRequest,
        /// <summary>400 <c>Request_UnsupportedQuery</c>: an advanced query without <c>ConsistencyLevel: eventual</c>/<c>$count=true</c>, or an unsupported clause.</summary>
        UnsupportedQuery,
        /// <summary>400: the password breaks the complexity policy or is on the banned list.</summary>
        PasswordRejected,
        /// <summary>400: the user is synced from on-premises AD and password writeback is off ("on-premises mastered").</summary>
        OnPremisesMastered,
        /// <summary>400: the user is in a federated domain; the password lives at the identity provider.</summary>
        FederatedUser,
        /// <summary>
        /// 400: the tenant's Temporary Access Pass policy refuses the pass (disabled, the user out of its scope — "Converged
        /// UserCredentialPolicy does not allow…" — or a multi-use pass where it allows one-time passes only).
        /// </summary>
        AccessPassPolicyRefused,
        /// <summary>400: the pass's <c>lifetimeInMinutes</c> is outside the minimum and maximum of the tenant's policy.</summary>
        AccessPassLifetimeRefused,
        /// <summary>400: Graph refuses an external (B2B guest) user for this operation (a Temporary Access Pass).</summary>
        ExternalUserRefused,
        /// <summary>401 <c>InvalidAuthenticationToken</c>.</summary>
        Authentication,
        /// <summary>403 <c>Authorization_RequestDenied</c>: a missing permission or a role that may not reset this user.</summary>
        PermissionDenied,
        /// <summary>404 <c>Request_ResourceNotFound</c>.</summary>
        NotFound,
        /// <summary>429 after the SDK's retries.</summary>
        Throttled,
        /// <summary>5xx after the SDK's retries.</summary>
        Unavailable,
    }
}
