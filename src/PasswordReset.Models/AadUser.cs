using System;
using System.Collections.Generic;

namespace PasswordReset
{
    /// <summary>
    /// An Entra ID user as returned by <c>Get-AadUser</c>: the subset of Microsoft Graph's
    /// <c>microsoft.graph.user</c> resource (v1.0) that a password reset needs, always requested
    /// with <c>$select</c> because Graph returns only a small default set otherwise.
    /// </summary>
    /// <remarks>Our own type, so format files and scripts do not break when Graph's SDK models change.</remarks>
    public sealed class AadUser
    {
        /// <summary>The immutable object id (a GUID string); Graph's <c>id</c>.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>Graph's <c>userPrincipalName</c>, e.g. <c>adele@contoso.com</c> or a guest's <c>x_y.com#EXT#@contoso.com</c>.</summary>
        public string? UserPrincipalName { get; internal set; }

        /// <summary>Graph's <c>displayName</c>.</summary>
        public string? DisplayName { get; internal set; }

        /// <summary>Graph's <c>mail</c> (may be null).</summary>
        public string? Mail { get; internal set; }

        /// <summary>Graph's <c>accountEnabled</c>: false when sign-in is blocked.</summary>
        public bool? AccountEnabled { get; internal set; }

        /// <summary>Graph's <c>userType</c>: <c>Member</c> or <c>Guest</c>.</summary>
        public string? UserType { get; internal set; }

        /// <summary>Graph's <c>department</c>.</summary>
        public string? Department { get; internal set; }

        /// <summary>Graph's <c>onPremisesSyncEnabled</c>: true for users synced from on-premises Active Directory.</summary>
        public bool? OnPremisesSyncEnabled { get; internal set; }

        /// <summary>Graph's <c>creationType</c>: <c>Invitation</c> for B2B guests invited from another tenant, else usually null.</summary>
        public string? CreationType { get; internal set; }

        /// <summary>
        /// Graph's <c>identities</c> as <c>signInType:issuer</c> pairs, e.g. <c>userPrincipalName:contoso.onmicrosoft.com</c>
        /// or <c>federated:ExternalAzureAD</c> for a B2B guest.
        /// </summary>
        public string[] Identities { get; internal set; } = System.Array.Empty<string>();

        /// <summary>
        /// True when the user's password lives in another tenant or identity provider (a B2B guest invited from outside):
        /// <c>#EXT#</c> in the UPN, <c>creationType</c> Invitation, or an identity issued by anyone but this tenant.
        /// <c>userType</c> alone does not decide.
        /// Such a password cannot be reset here; it is reset in the user's home tenant.
        /// </summary>
        public bool IsExternal =>
            (UserPrincipalName?.IndexOf("#EXT#", System.StringComparison.OrdinalIgnoreCase) ?? -1) >= 0 ||
            string.Equals(CreationType, "Invitation", System.StringComparison.OrdinalIgnoreCase) ||
            System.Array.Exists(Identities, IsExternalIdentity);

        // An identity is the tenant's own when its issuer is the user's UPN domain or an initial *.onmicrosoft.com
        // domain; any other issuer (ExternalAzureAD, MicrosoftAccount, gmail.com, facebook.com, ...) holds the password elsewhere.
        private bool IsExternalIdentity(string identity)
        {
            int colon = identity.IndexOf(':');
            string issuer = colon >= 0 ? identity.Substring(colon + 1) : identity;
            if (issuer.Length == 0) return false;
            string? upnDomain = UserPrincipalName is null || UserPrincipalName.LastIndexOf('@') < 0 ? null : UserPrincipalName.Substring(UserPrincipalName.LastIndexOf('@') + 1);
            return !string.Equals(issuer, upnDomain, System.StringComparison.OrdinalIgnoreCase) &&
                   !issuer.EndsWith(".onmicrosoft.com", System.StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Graph's <c>lastPasswordChangeDateTime</c> (UTC).</summary>
        public DateTimeOffset? LastPasswordChangeDateTime { get; internal set; }

        /// <summary>
        /// Extra properties asked for with <c>-Property</c>, keyed by their Graph (camelCase) name.
        /// Values are strings, numbers, booleans, dates, arrays or nested dictionaries — never SDK types.
        /// </summary>
        public IDictionary<string, object?> AdditionalProperties { get; } =
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override string ToString() => UserPrincipalName ?? Id;
    }
}
