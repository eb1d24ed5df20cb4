using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Retries a request once with a fresh token when Graph answers 401 (<c>InvalidAuthenticationToken</c>): a token
    /// revoked or expired mid-run (public reports: hour-long resets dying with 401). The fresh token comes from the
    /// credential with a claims value, which makes MSAL bypass its cache — the cached token is the one Graph just refused.
    /// Kiota retries a 401 only for a claims challenge in <c>WWW-Authenticate</c>, hence this handler.
    /// </summary>
    internal sealed class TokenRefreshHandler : DelegatingHandler
    {
        private readonly TokenCredential _credential;
        private readonly string[] _scopes;
        private int _refreshes;

        public TokenRefreshHandler(TokenCredential credential, string[] scopes)
        {
            _credential = credential;
            _scopes = scopes;
        }

        /// <summary>How many times a fresh token was fetched after a 401.</summary>
        public int Refreshes => Volatile.Read(ref _refreshes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A sent request cannot be sent again, and a streamed body cannot be read twice: buffer it, and copy the
            // request only when a 401 asks for the retry (the happy path copies nothing).
            if (request.Content != null) await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || request.Headers.Authorization is null
                || request.GetRequestOption<NoTokenRefreshOption>() != null)
            {
                return response;
            }

            HttpRequestMessage retry = await CloneAsync(request).ConfigureAwait(false);
            AccessToken token = await _credential.GetTokenAsync(new TokenRequestContext(_scopes, claims: FreshTokenClaims()), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _refreshes);
            response.Dispose();
            retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }

        // Kiota's own clone helper is internal; a request is method, URI, headers, content and options.
        private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
#if NET8_0_OR_GREATER
            foreach (var option in request.Options) ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
#else
            foreach (var option in request.Properties) clone.Properties[option.Key] = option.Value;
#endif
            if (request.Content != null)
            {
                byte[] body = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                clone.Content = new ByteArrayContent(body);
                foreach (var header in request.Content.Headers) clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return clone;
        }

        // The claims-challenge shape Entra ID uses for continuous access evaluation: a token not before now.
        private static string FreshTokenClaims() =>
            "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" +
            DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\"}}}";
    }
}
