using System.Collections.Generic;
using Azure.Core;

namespace PasswordReset.Auth
{
    /// <summary>The credential <see cref="CredentialFactory"/> chose, with the options it was built from (for tests and the context).</summary>
    public sealed class CredentialPlan
    {
        internal CredentialPlan(TokenCredential credential, object? options, SignInMode mode, IReadOnlyList<string> scopes, bool canRefresh, string? certificateThumbprint = null)
        {
            CertificateThumbprint = certificateThumbprint;
            Credential = credential;
            Options = options;
            Mode = mode;
            Scopes = scopes;
            CanRefresh = canRefresh;
        }

        /// <summary>The Azure.Identity credential.</summary>
        public TokenCredential Credential { get; }

        /// <summary>The Azure.Identity options object it was built with (null for an access token).</summary>
        public object? Options { get; }

        /// <summary>The sign-in mode.</summary>
        public SignInMode Mode { get; }

        /// <summary>Scopes every token is asked for: <c>{graph root}/.default</c> for apps, the delegated scopes otherwise.</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>False for a supplied access token: nothing can get a new one.</summary>
        public bool CanRefresh { get; }

        /// <summary>The thumbprint of the client certificate object signed in with (public information, for the context); null otherwise.</summary>
        public string? CertificateThumbprint { get; }
    }
}
