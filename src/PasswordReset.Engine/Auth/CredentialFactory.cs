using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using Azure.Core;
using Azure.Identity;
using PasswordReset.Graph;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Turns a <see cref="SignInRequest"/> into the Azure.Identity credential of the same purpose, with the national
    /// cloud's authority (graph-facts.md §7) unless <see cref="SignInRequest.AuthorityHost"/> overrides it — then
    /// instance discovery is off, as Azure.Identity requires for a private or emulated authority. Tokens are cached in
    /// memory only (no <c>TokenCachePersistenceOptions</c>), so nothing is written to disk.
    /// </summary>
    public static class CredentialFactory
    {
        /// <summary>Redirect URI of the interactive browser flow (the loopback address MSAL listens on).</summary>
        public static readonly Uri InteractiveRedirectUri = new Uri("http://localhost");

        /// <summary>Builds the credential.</summary>
        /// <exception cref="ArgumentException">A value the mode needs is missing.</exception>
        public static CredentialPlan Create(SignInRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (request.AuthorityHost != null) ValidateAuthority(request.AuthorityHost);
            Uri authority = request.AuthorityHost ?? GraphEnvironments.Authority(request.Environment);
            bool disableDiscovery = request.AuthorityHost != null;
            string[] appScopes = { GraphEnvironments.DefaultScope(request.Environment) };

            switch (request.Mode)
            {
                case SignInMode.Interactive:
                {
                    var options = new InteractiveBrowserCredentialOptions
                    {
                        TenantId = request.TenantId,
                        ClientId = request.ClientId ?? SignInRequest.GraphCommandLineToolsClientId,
                        AuthorityHost = authority,
                        DisableInstanceDiscovery = disableDiscovery,
                        RedirectUri = InteractiveRedirectUri,
                        TokenCachePersistenceOptions = null,
                    };
                    return new CredentialPlan(new InteractiveBrowserCredential(options), options, request.Mode, DelegatedScopes(request), true);
                }

                case SignInMode.DeviceCode:
                {
                    var options = new DeviceCodeCredentialOptions
                    {
                        TenantId = request.TenantId,
                        ClientId = request.ClientId ?? SignInRequest.GraphCommandLineToolsClientId,
                        AuthorityHost = authority,
                        DisableInstanceDiscovery = disableDiscovery,
                        TokenCachePersistenceOptions = null,
                        DeviceCodeCallback = (info, _) =>
                        {
                            request.DeviceCodeMessage?.Invoke(info.Message);
                            return System.Threading.Tasks.Task.CompletedTask;
                        },
                    };
                    return new CredentialPlan(new DeviceCodeCredential(options), options, request.Mode, DelegatedScopes(request), true);
                }

                case SignInMode.ClientSecret:
                {
                    string tenant = Require(request.TenantId, "TenantId");
                    string client = Require(request.ClientId, "ClientId");
                    if (request.ClientSecret is null || SecureText.Reveal(request.ClientSecret).Trim().Length == 0) throw new ArgumentException("The client secret is empty.");
                    var options = new ClientSecretCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = disableDiscovery };
                    var credential = new ClientSecretCredential(tenant, client, SecureText.Reveal(request.ClientSecret), options);
                    return new CredentialPlan(credential, options, request.Mode, appScopes, true);
                }

                case SignInMode.Certificate:
                {
                    string tenant = Require(request.TenantId, "TenantId");
                    string client = Require(request.ClientId, "ClientId");
                    if (request.Certificate is { } given)
                    {
                        if (!given.HasPrivateKey) throw new ArgumentException($"The certificate {given.Thumbprint} has no private key; an app signs in with the key.");
                        if (given.NotAfter < DateTime.Now || given.NotBefore > DateTime.Now)
                        {
                            throw new ArgumentException($"The certificate {given.Thumbprint} is not valid now (valid {given.NotBefore:u} to {given.NotAfter:u}).");
                        }
                    }

                    var options = new ClientCertificateCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = disableDiscovery };
                    TokenCredential credential = request.Certificate != null
                        ? new ClientCertificateCredential(tenant, client, request.Certificate, options)
                        : new ClientCertificateCredential(tenant, client, Require(request.CertificatePath, "CertificatePath"), options);
                    return new CredentialPlan(credential, options, request.Mode, appScopes, true, request.Certificate?.Thumbprint);
                }

                case SignInMode.ManagedIdentity:
                {
                    var id = string.IsNullOrEmpty(request.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(request.ClientId);
                    var options = new ManagedIdentityCredentialOptions(id) { AuthorityHost = authority };
                    return new CredentialPlan(new ManagedIdentityCredential(options), options, request.Mode, appScopes, true);
                }

                case SignInMode.EnvironmentVariables:
                {
                    var options = new EnvironmentCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = disableDiscovery };
                    return new CredentialPlan(new EnvironmentCredential(options), options, request.Mode, appScopes, true);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "Access tokens go through AccessTokenCredential.");
            }
        }

        /// <summary>
        /// The plan for an access token the admin already has (<c>Connect-AadGraph -AccessToken</c>), for callers that must
        /// not touch an Azure.Core type (the cmdlet assembly): surrounding white space and a copied <c>Bearer </c> prefix
        /// are dropped, the token is kept as a read-only <see cref="SecureString"/> copy and becomes text only when a
        /// request is sent; its expiry is read from the JWT <c>exp</c> claim. It cannot be refreshed.
        /// </summary>
        /// <exception cref="ArgumentException">The token is empty or has white space or a control character inside it (the message never quotes it).</exception>
        public static CredentialPlan ForAccessToken(SecureString accessToken, GraphEnvironment environment) =>
            ForAccessToken(AccessTokenCredential.Create(AccessTokenCredential.Normalize(accessToken)), environment);

        /// <summary>The plan for a supplied access token: it cannot be refreshed.</summary>
        public static CredentialPlan ForAccessToken(TokenCredential credential, GraphEnvironment environment) =>
            new CredentialPlan(credential, null, SignInMode.AccessToken, new[] { GraphEnvironments.DefaultScope(environment) }, false);

        /// <summary>Delegated scopes as full URIs of the cloud's Graph resource, e.g. <c>https://graph.microsoft.com/User.Read.All</c>.</summary>
        public static IReadOnlyList<string> DelegatedScopes(SignInRequest request)
        {
            string root = GraphEnvironments.GraphRoot(request.Environment).GetLeftPart(UriPartial.Authority);
            IEnumerable<string> scopes = request.Scopes is { Count: > 0 } ? request.Scopes : SignInRequest.DefaultScopes;
            return scopes.Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => s.Trim())
                .Select(s => Uri.IsWellFormedUriString(s, UriKind.Absolute) ? s : root + "/" + s)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
        }

        /// <summary>An authority host must be an absolute https root (MSAL signs in only over https; a path would be ignored).</summary>
        /// <exception cref="ArgumentException">Relative, not https, or with a path, query or fragment.</exception>
        public static void ValidateAuthority(Uri authority)
        {
            if (!authority.IsAbsoluteUri || authority.Scheme != Uri.UriSchemeHttps || authority.AbsolutePath.TrimEnd('/').Length != 0 ||
                !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment))
            {
                throw new ArgumentException($"The authority host '{GraphEndpoint.Shown(authority)}' must be an https root (no path, query or fragment) such as https://login.microsoftonline.com.");
            }
        }

        private static string Require(string? value, string name) =>
            string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"-{name} is needed for this sign-in.") : value!;
    }
}
