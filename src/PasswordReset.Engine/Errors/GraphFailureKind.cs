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
