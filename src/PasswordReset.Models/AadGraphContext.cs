using System;

namespace PasswordReset
{
    /// <summary>
    /// What <c>Get-AadGraphContext</c> shows about this session's connection: read from the token's claims once, at
    /// connect. Holds no token and no secret.
    /// </summary>
    public sealed class AadGraphContext
    {
        /// <summary>The token's tenant id (<c>tid</c>).</summary>
        public string? TenantId { get; set; }

        /// <summary>The application (client) id (<c>appid</c> / <c>azp</c>).</summary>
        public string? ClientId { get; set; }

        /// <summary>The signed-in account for delegated sign-ins (<c>upn</c> / <c>preferred_username</c>); null for apps.</summary>
        public string? Account { get; set; }

        /// <summary>Interactive, DeviceCode, ClientSecret, Certificate, ManagedIdentity, EnvironmentVariables or AccessToken.</summary>
        public string AuthType { get; set; } = string.Empty;

        /// <summary>Delegated for a signed-in user (the token has <c>scp</c>), AppOnly otherwise.</summary>
        public string TokenType { get; set; } = string.Empty;

        /// <summary>Delegated permissions in the token (<c>scp</c>).</summary>
        public string[] Scopes { get; set; } = Array.Empty<string>();

        /// <summary>Application permissions in the token (<c>roles</c>).</summary>
        public string[] Roles { get; set; } = Array.Empty<string>();

        /// <summary>Directory role template ids of the caller (<c>wids</c>).</summary>
        public string[] DirectoryRoleIds { get; set; } = Array.Empty<string>();

        /// <summary>The token's audience (<c>aud</c>): the Graph resource it is valid for.</summary>
        public string? Audience { get; set; }

        /// <summary>Thumbprint of the client certificate used (certificate sign-in only; public information).</summary>
        public string? CertificateThumbprint { get; set; }

        /// <summary>The national cloud.</summary>
        public string Environment { get; set; } = string.Empty;

        /// <summary>Where requests go, including <c>/v1.0</c>.</summary>
        public Uri? GraphEndpoint { get; set; }

        /// <summary>The sign-in authority (null for a supplied access token).</summary>
        public Uri? AuthorityHost { get; set; }

        /// <summary>When the token seen at connect expires (tokens from a credential are renewed automatically).</summary>
        public DateTimeOffset? TokenExpiresOn { get; set; }
    }
}
