using System;

namespace PasswordReset
{
    /// <summary>
    /// What <c>Get-AadGraphContext</c> shows about this session's connection: read from the token's claims once, at
    /// connect. Holds no token and no secret. Only the module sets its values (the setters are internal): it is the
    /// connection's own record, and an edit from a script must neither change where requests go nor what is checked
    /// (the reset permission, a journal's tenant).
    /// </summary>
    public sealed class AadGraphContext
    {
        /// <summary>The token's tenant id (<c>tid</c>).</summary>
        public string? TenantId { get; internal set; }

        /// <summary>The application (client) id (<c>appid</c> / <c>azp</c>).</summary>
        public string? ClientId { get; internal set; }

        /// <summary>The signed-in account for delegated sign-ins (<c>upn</c> / <c>preferred_username</c>); null for apps.</summary>
        public string? Account { get; internal set; }

        /// <summary>Interactive, DeviceCode, ClientSecret, Certificate, ManagedIdentity, EnvironmentVariables or AccessToken.</summary>
        public string AuthType { get; internal set; } = string.Empty;

        /// <summary>Delegated for a signed-in user (the token has <c>scp</c>), AppOnly otherwise.</summary>
        public string TokenType { get; internal set; } = string.Empty;

        /// <summary>Delegated permissions in the token (<c>scp</c>).</summary>
        public string[] Scopes { get; internal set; } = Array.Empty<string>();

        /// <summary>Application permissions in the token (<c>roles</c>).</summary>
        public string[] Roles { get; internal set; } = Array.Empty<string>();

        /// <summary>Directory role template ids of the caller (<c>wids</c>).</summary>
        public string[] DirectoryRoleIds { get; internal set; } = Array.Empty<string>();

        /// <summary>The token's audience (<c>aud</c>): the Graph resource it is valid for.</summary>
        public string? Audience { get; internal set; }

        /// <summary>Thumbprint of the client certificate used (certificate sign-in only; public information).</summary>
        public string? CertificateThumbprint { get; internal set; }

        /// <summary>The national cloud.</summary>
        public string Environment { get; internal set; } = string.Empty;

        /// <summary>Where requests go, including <c>/v1.0</c>.</summary>
        public Uri? GraphEndpoint { get; internal set; }

        /// <summary>The sign-in authority (null for a supplied access token).</summary>
        public Uri? AuthorityHost { get; internal set; }

        /// <summary>When the token seen at connect expires (tokens from a credential are renewed automatically).</summary>
        public DateTimeOffset? TokenExpiresOn { get; internal set; }
    }
}
