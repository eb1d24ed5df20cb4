using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Posts a batch to <c>{serviceRoot}/$batch</c> through the connection's Kiota request adapter (so the
    /// authentication provider adds the token) and the connection's <see cref="HttpClient"/> (so the same handler
    /// pipeline runs: our 401 <c>TokenRefreshHandler</c>, redirects, decompression). Kiota's retry handler is switched
    /// off for this request: retries of a batch are the dispatcher's, where the pacer sees them.
    /// </summary>
    internal sealed class GraphBatchTransport : IBatchTransport
    {
        private readonly IRequestAdapter _adapter;
        private readonly HttpClient _httpClient;
        private readonly Uri _batchUri;

        public GraphBatchTransport(GraphConnection connection)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            _adapter = connection.RequestAdapter;
            _httpClient = connection.HttpClient;
            _batchUri = new Uri(connection.ServiceRoot.ToString().TrimEnd('/') + "/$batch");
        }

        public async Task<BatchReply> SendAsync(IReadOnlyList<BatchItem> items, TimeSpan timeout)
        {
            // Only the timeout cancels a batch: once on the wire, its answer decides what happened to every call in it.
            using var timeoutSource = new CancellationTokenSource(timeout);
            CancellationToken token = timeoutSource.Token;
            HttpRequestMessage request;
            try
            {
                request = await BuildAsync(items, token).ConfigureAwait(false);
            }
            catch (Azure.Identity.AuthenticationFailedException ex)
            {
                return BatchReply.SignInFailed(ex);
            }
            catch (OperationCanceledException ex)
            {
                return BatchReply.NoAnswer("getting an access token timed out", ex);
            }

            try
            {
                using (request)
                using (HttpResponseMessage response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false))
                {
                    int status = (int)response.StatusCode;
                    IReadOnlyDictionary<string, string> headers = ReadHeaders(response);
                    byte[] body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (status < 200 || status > 299)
                    {
                        return BatchReply.Outer(status, headers, body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body));
                    }

                    try
                    {
                        return BatchReply.Answered(status, headers, BatchResponseReader.Read(body));
                    }
                    catch (FormatException ex)
                    {
                        return BatchReply.Malformed(status, headers, ex);
                    }
                }
            }
            catch (Azure.Identity.AuthenticationFailedException ex)
            {
                // The 401 handler could not get a fresh token.
                return BatchReply.SignInFailed(ex);
            }
            catch (OperationCanceledException ex)
            {
                return BatchReply.NoAnswer($"no answer within {timeout.TotalSeconds:0.###} s", ex);
            }
            catch (HttpRequestException ex)
            {
                return BatchReply.NoAnswer("the connection failed (" + ex.Message + ")", ex);
            }
            catch (IOException ex)
            {
                return BatchReply.NoAnswer("the connection failed (" + ex.Message + ")", ex);
            }
        }

        private async Task<HttpRequestMessage> BuildAsync(IReadOnlyList<BatchItem> items, CancellationToken cancellationToken)
        {
            var info = new RequestInformation { HttpMethod = Method.POST, URI = _batchUri };
            info.Headers.TryAdd("Accept", "application/json");
            info.SetStreamContent(new MemoryStream(BatchRequestWriter.Write(items)), "application/json");
            // MaxRetry 0 alone makes Kiota's handler throw on a 429/503; ShouldRetry false returns the answer as is.
            info.AddRequestOptions(new IRequestOption[] { new RetryHandlerOption { MaxRetry = 0, ShouldRetry = (_, _, _) => false } });
            return await _adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(info, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The request adapter built no HTTP request.");
        }

        private static Dictionary<string, string> ReadHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            // TryGetValues keeps values .NET cannot parse (a fractional Retry-After) as raw text.
            foreach (var header in response.Headers) headers[header.Key] = string.Join(",", header.Value);
            if (response.Content != null)
            {
                foreach (var header in response.Content.Headers) headers[header.Key] = string.Join(",", header.Value);
            }

            if (!headers.ContainsKey(ThrottleHeaders.RetryAfter) && response.Headers.TryGetValues(ThrottleHeaders.RetryAfter, out IEnumerable<string>? raw))
            {
                headers[ThrottleHeaders.RetryAfter] = raw.FirstOrDefault() ?? string.Empty;
            }

            return headers;
        }
    }
}
