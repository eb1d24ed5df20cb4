using System;
using System.Collections.Generic;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// One Graph request to be sent inside a <c>POST /v1.0/$batch</c> (graph-facts.md §5): method, URL relative
    /// to the service root, optional JSON body and headers. The URL is sent exactly as given, so keys must already
    /// be percent-encoded the way a direct request encodes them (<c>#EXT#</c> as <c>%23EXT%23</c>).
    /// </summary>
    public sealed class GraphCall
    {
        /// <summary>Creates a call.</summary>
        /// <param name="method">GET, PATCH, POST or DELETE.</param>
        /// <param name="relativeUrl">e.g. <c>/users/6e7b768e-…?$select=id</c>; must start with '/'.</param>
        /// <param name="bodyJson">The JSON body (sent with <c>Content-Type: application/json</c>), or null.</param>
        /// <param name="headers">Extra headers for the inner request (e.g. ConsistencyLevel), or null.</param>
        /// <param name="label">How logs name this call (e.g. the user's UPN); never a secret.</param>
        public GraphCall(string method, string relativeUrl, string? bodyJson = null, IReadOnlyDictionary<string, string>? headers = null, string? label = null)
        {
            if (string.IsNullOrEmpty(method)) throw new ArgumentException("A method is required.", nameof(method));
            if (relativeUrl is null || !relativeUrl.StartsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException("The URL must be relative to the service root and start with '/'.", nameof(relativeUrl));
            }

            Method = method.ToUpperInvariant();
            RelativeUrl = relativeUrl;
            BodyJson = bodyJson;
            Headers = headers ?? new Dictionary<string, string>();
            Label = label ?? relativeUrl;
        }

        /// <summary>Upper-case HTTP method.</summary>
        public string Method { get; }

        /// <summary>The URL relative to the service root, already percent-encoded.</summary>
        public string RelativeUrl { get; }

        /// <summary>The JSON body, or null. May hold a password: never log it.</summary>
        public string? BodyJson { get; }

        /// <summary>Extra inner-request headers.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>A safe name for log lines.</summary>
        public string Label { get; }

        /// <summary>True for POST/PATCH/PUT/DELETE: Graph may have applied it even when no answer came back.</summary>
        public bool IsWrite => Method != "GET" && Method != "HEAD";
    }
}
