using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using PasswordReset.Auth;

namespace PasswordReset.Graph
{
    /// <summary>
    /// Builds a <see cref="GraphConnection"/> from any <see cref="CredentialPlan"/>, so every sign-in mode shares one
    /// path: the Graph SDK's default handler pipeline (Kiota retry for 429/503/504, redirects, compression), our
    /// <see cref="TokenRefreshHandler"/> for a 401 mid-run, and Kiota's Azure Identity authentication provider.
    /// </summary>
    public static class GraphConnectionFactory
    {
        private static readonly string[] NationalCloudHosts =
        {
            "graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn",
        };

        /// <summary>
        /// Creates the connection without signing in. Tokens are asked for the plan's scopes (the cloud's audience);
        /// <paramref name="graphEndpoint"/> only changes where requests go, and its host is added to the hosts the SDK
        /// may send a token to (its default list is the national clouds only).
        /// </summary>
        /// <param name="plan">The credential and its scopes.</param>
        /// <param name="environment">The national cloud.</param>
        /// <param name="graphEndpoint">Optional root such as <c>http://127.0.0.1:5080</c>; see <see cref="GraphEndpoint.ToServiceRoot"/>.</param>
        /// <param name="authorityHost">The sign-in authority, shown in the context.</param>
        /// <param name="finalHandler">The innermost HTTP handler; tests pass an in-memory one. Null for the network.</param>
        /// <exception cref="ArgumentException">The endpoint is not acceptable.</exception>
        public static GraphConnection Create(CredentialPlan plan, GraphEnvironment environment, Uri? graphEndpoint, Uri? authorityHost = null, HttpMessageHandler? finalHandler = null)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            Uri serviceRoot = graphEndpoint is null
                ? new Uri(GraphEnvironments.GraphRoot(environment), GraphEndpoint.Version)
                : GraphEndpoint.ToServiceRoot(graphEndpoint);

            var allowedHosts = NationalCloudHosts.ToList();
            if (!allowedHosts.Contains(serviceRoot.Host)) allowedHosts.Add(serviceRoot.Host);
            var authProvider = new AzureIdentityAuthenticationProvider(
                plan.Credential, allowedHosts.ToArray(), observabilityOptions: null, isCaeEnabled: false, scopes: plan.Scopes.ToArray());

            IList<DelegatingHandler> handlers = GraphClientFactory.CreateDefaultHandlers();
            TokenRefreshHandler? refresh = plan.CanRefresh ? new TokenRefreshHandler(plan.Credential, plan.Scopes.ToArray()) : null;
            if (refresh != null) handlers.Insert(0, refresh);
            HttpClient httpClient = GraphClientFactory.Create(handlers, version: GraphEndpoint.Version, finalHandler: finalHandler);

            var client = new GraphServiceClient(httpClient, authProvider, serviceRoot.ToString());
            var context = new AadGraphContext
            {
                AuthType = plan.Mode.ToString(),
                Environment = environment.ToString(),
                GraphEndpoint = serviceRoot,
                AuthorityHost = plan.Mode == SignInMode.AccessToken ? null : authorityHost ?? GraphEnvironments.Authority(environment),
                CertificateThumbprint = plan.CertificateThumbprint,
            };
            return new GraphConnection(client, httpClient, serviceRoot, context, refresh);
        }

        /// <summary>
        /// Creates the connection and signs in at once (a browser or device code appears now, not in the middle of a
        /// run; a wrong secret fails here), filling the context from the token's claims.
        /// </summary>
        /// <exception cref="SignInFailedException">Sign-in failed (e.g. AADSTS7000215 for a wrong secret), or the credential
        /// cannot work here (e.g. no managed identity).</exception>
        public static async Task<GraphConnection> ConnectAsync(CredentialPlan plan, GraphEnvironment environment, Uri? graphEndpoint, Uri? authorityHost, CancellationToken cancellationToken)
        {
            GraphConnection connection = Create(plan, environment, graphEndpoint, authorityHost);
            try
            {
                AccessToken token = await plan.Credential.GetTokenAsync(new TokenRequestContext(plan.Scopes.ToArray()), cancellationToken).ConfigureAwait(false);
                TokenClaims.Fill(connection.Context, token.Token);
                if (connection.Context.TokenExpiresOn is null && token.ExpiresOn != DateTimeOffset.MaxValue) connection.Context.TokenExpiresOn = token.ExpiresOn;
                return connection;
            }
            catch (Azure.Identity.AuthenticationFailedException ex) // includes CredentialUnavailableException
            {
                connection.Dispose();
                throw new SignInFailedException(SignInFailedException.Describe(ex), ex);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }
}
