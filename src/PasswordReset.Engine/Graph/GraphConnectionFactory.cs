using System;
using System.Collections.Generic;
using System.Net.Http;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace PasswordReset.Graph
{
    /// <summary>
    /// Builds a <see cref="GraphConnection"/> from any Azure.Identity <see cref="TokenCredential"/>, so every
    /// sign-in mode shares one path: the Graph SDK's default handler pipeline (Kiota retry for 429/503/504,
    /// redirects, compression) and Kiota's Azure Identity authentication provider.
    /// </summary>
    public static class GraphConnectionFactory
    {
        /// <summary>
        /// Creates the connection. Tokens are asked for the cloud's audience (<c>{graph root}/.default</c>);
        /// <paramref name="graphEndpoint"/> only changes where requests go, and its host is added to the hosts
        /// the SDK may send a token to (its default list is the national clouds only).
        /// </summary>
        /// <param name="credential">Any Azure.Identity credential.</param>
        /// <param name="environment">The national cloud.</param>
        /// <param name="graphEndpoint">Optional root such as <c>http://127.0.0.1:5080</c>; see <see cref="GraphEndpoint.ToServiceRoot"/>.</param>
        /// <param name="authType">A label for the sign-in mode (shown to the admin, never secret).</param>
        /// <param name="tokenExpiresOn">Expiry of a supplied token, when known.</param>
        /// <param name="finalHandler">The innermost HTTP handler; tests pass an in-memory one. Null for the network.</param>
        /// <exception cref="ArgumentException">The endpoint is not acceptable.</exception>
        public static GraphConnection Create(
            TokenCredential credential,
            GraphEnvironment environment,
            Uri? graphEndpoint,
            string authType,
            DateTimeOffset? tokenExpiresOn = null,
            HttpMessageHandler? finalHandler = null)
        {
            if (credential is null) throw new ArgumentNullException(nameof(credential));
            Uri serviceRoot = graphEndpoint is null
                ? new Uri(GraphEnvironments.GraphRoot(environment), GraphEndpoint.Version)
                : GraphEndpoint.ToServiceRoot(graphEndpoint);

            var allowedHosts = new List<string>
            {
                "graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn",
            };
            if (!allowedHosts.Contains(serviceRoot.Host)) allowedHosts.Add(serviceRoot.Host);

            var authProvider = new AzureIdentityAuthenticationProvider(
                credential,
                allowedHosts.ToArray(),
                observabilityOptions: null,
                isCaeEnabled: false,
                scopes: new[] { GraphEnvironments.DefaultScope(environment) });

            HttpClient httpClient = finalHandler is null
                ? GraphClientFactory.Create(version: GraphEndpoint.Version)
                : GraphClientFactory.Create(version: GraphEndpoint.Version, finalHandler: finalHandler);
            var client = new GraphServiceClient(httpClient, authProvider, serviceRoot.ToString());
            return new GraphConnection(client, httpClient, environment, serviceRoot, authType, tokenExpiresOn);
        }
    }
}
