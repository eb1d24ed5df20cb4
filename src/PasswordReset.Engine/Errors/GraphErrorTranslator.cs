using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace PasswordReset.Errors
{
    /// <summary>
    /// Runs an SDK call and turns whatever it throws into a <see cref="GraphRequestException"/>, so status,
    /// Graph code, message and request-id always reach the admin (never a bare "ODataError was thrown").
    /// Cancellation by the caller's token passes through unchanged.
    /// </summary>
    internal static class GraphErrorTranslator
    {
        public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (Translate(ex) is GraphRequestException translated)
            {
                throw translated;
            }
        }

        /// <summary>The translation of <paramref name="ex"/>, or null for exceptions that are not about a Graph request.</summary>
        public static GraphRequestException? Translate(Exception ex)
        {
            switch (ex)
            {
                case GraphRequestException already:
                    return already;
                case Azure.Identity.AuthenticationFailedException _: // includes CredentialUnavailableException
                    return GraphRequestException.SignInFailed(ex);
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    // Kiota's retry handler throws an AggregateException of ApiExceptions when retries run out.
                    return Translate(aggregate.InnerExceptions[aggregate.InnerExceptions.Count - 1]);
                case ODataError odata:
                    return new GraphRequestException(
                        odata.ResponseStatusCode,
                        odata.Error?.Code,
                        odata.Error?.Message ?? "Graph returned an error without a message.",
                        odata.Error?.InnerError?.RequestId ?? Header(odata.ResponseHeaders, "request-id"),
                        odata.Error?.InnerError?.ClientRequestId ?? Header(odata.ResponseHeaders, "client-request-id"),
                        odata);
                case ApiException api:
                    return new GraphRequestException(
                        api.ResponseStatusCode == 0 ? (int?)null : api.ResponseStatusCode,
                        null,
                        api.Message,
                        Header(api.ResponseHeaders, "request-id"),
                        Header(api.ResponseHeaders, "client-request-id"),
                        api);
                case HttpRequestException http:
                    return new GraphRequestException(null, null, http.Message, null, null, http);
                case TaskCanceledException timeout:
                    return new GraphRequestException(null, null, "The request timed out.", null, null, timeout);
                default:
                    return null;
            }
        }

        private static string? Header(IDictionary<string, IEnumerable<string>>? headers, string name)
        {
            if (headers is null) return null;
            foreach (var pair in headers)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value?.FirstOrDefault();
            }

            return null;
        }
    }
}
