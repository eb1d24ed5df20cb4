using System;
using System.Net.Http;
using Microsoft.Graph;
using PasswordReset.Auth;

namespace PasswordReset.Graph
{
    /// <summary>
    /// One signed-in connection to Microsoft Graph: the SDK client plus what the admin chose.
    /// Holds no secret itself; the credential inside the client does.
    /// </summary>
    public sealed class GraphConnection : IDisposable
    {
        private readonly HttpClient _httpClient;
        private readonly TokenRefreshHandler? _refresh;

        internal GraphConnection(GraphServiceClient client, HttpClient httpClient, GraphEnvironment environment, Uri serviceRoot,
            CredentialPlan plan, AadGraphContext context, TokenRefreshHandler? refresh)
        {
            Client = client;
            _httpClient = httpClient;
            Environment = environment;
            ServiceRoot = serviceRoot;
            Plan = plan;
            Context = context;
            _refresh = refresh;
        }

        /// <summary>The Graph SDK client; its base URL is <see cref="ServiceRoot"/>.</summary>
        internal GraphServiceClient Client { get; }

        /// <summary>The national cloud: decides the token audience.</summary>
        public GraphEnvironment Environment { get; }

        /// <summary>Where requests go, including <c>/v1.0</c>.</summary>
        public Uri ServiceRoot { get; }

        /// <summary>The credential plan.</summary>
        public CredentialPlan Plan { get; }

        /// <summary>What <c>Get-AadGraphContext</c> shows (no token, no secret).</summary>
        public AadGraphContext Context { get; }

        /// <summary>How many times a fresh token was fetched after a 401 (diagnostics, Debug stream).</summary>
        public int TokenRefreshes => _refresh?.Refreshes ?? 0;

        /// <inheritdoc />
        public void Dispose() => _httpClient.Dispose();
    }
}
