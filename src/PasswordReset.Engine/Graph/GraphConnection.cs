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

        internal GraphConnection(GraphServiceClient client, HttpClient httpClient, Uri serviceRoot, AadGraphContext context, TokenRefreshHandler? refresh)
        {
            Client = client;
            ServiceRoot = serviceRoot;
            _httpClient = httpClient;
            Context = context;
            _refresh = refresh;
        }

        /// <summary>The Graph SDK client; its base URL is <see cref="AadGraphContext.GraphEndpoint"/>.</summary>
        internal GraphServiceClient Client { get; }

        /// <summary>The Kiota request adapter behind <see cref="Client"/> (authentication, serialization); the batch layer builds its own requests with it.</summary>
        internal Microsoft.Kiota.Abstractions.IRequestAdapter RequestAdapter => Client.RequestAdapter;

        /// <summary>The HTTP client (and handler pipeline) behind <see cref="Client"/>.</summary>
        internal HttpClient HttpClient => _httpClient;

        /// <summary>
        /// The service root every request is relative to, e.g. <c>https://graph.microsoft.com/v1.0</c>: fixed at connect, the
        /// same root the SDK client was built with (never read back from the context an admin is shown).
        /// </summary>
        internal Uri ServiceRoot { get; }

        /// <summary>What <c>Get-AadGraphContext</c> shows (no token, no secret).</summary>
        public AadGraphContext Context { get; }

        /// <summary>How many times a fresh token was fetched after a 401 (diagnostics, Debug stream).</summary>
        public int TokenRefreshes => _refresh?.Refreshes ?? 0;

        /// <inheritdoc />
        public void Dispose() => _httpClient.Dispose();
    }
}
