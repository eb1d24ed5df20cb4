using System;
using System.Net.Http;
using Microsoft.Graph;

namespace PasswordReset.Graph
{
    /// <summary>
    /// One signed-in connection to Microsoft Graph: the SDK client plus what the admin chose.
    /// Holds no secret itself; the credential inside the client does.
    /// </summary>
    public sealed class GraphConnection : IDisposable
    {
        private readonly HttpClient _httpClient;

        internal GraphConnection(GraphServiceClient client, HttpClient httpClient, GraphEnvironment environment, Uri serviceRoot, string authType, DateTimeOffset? tokenExpiresOn)
        {
            Client = client;
            _httpClient = httpClient;
            Environment = environment;
            ServiceRoot = serviceRoot;
            AuthType = authType;
            TokenExpiresOn = tokenExpiresOn;
        }

        /// <summary>The Graph SDK client; its base URL is <see cref="ServiceRoot"/>.</summary>
        internal GraphServiceClient Client { get; }

        /// <summary>The national cloud: decides the token audience.</summary>
        public GraphEnvironment Environment { get; }

        /// <summary>Where requests go, including <c>/v1.0</c>.</summary>
        public Uri ServiceRoot { get; }

        /// <summary>How the connection signs in, e.g. <c>AccessToken</c>.</summary>
        public string AuthType { get; }

        /// <summary>When a supplied access token expires, when known.</summary>
        public DateTimeOffset? TokenExpiresOn { get; }

        /// <inheritdoc />
        public void Dispose() => _httpClient.Dispose();
    }
}
