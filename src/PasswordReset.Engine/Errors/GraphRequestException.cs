using System;

namespace PasswordReset.Errors
{
    /// <summary>
    /// A Microsoft Graph request that failed, with what Graph said about it: HTTP status, Graph error code
    /// (e.g. <c>Request_ResourceNotFound</c>), Graph's message and the <c>request-id</c>.
    /// The message never contains a password or a token.
    /// </summary>
    public sealed class GraphRequestException : Exception
    {
        /// <summary>Creates the exception; <paramref name="inner"/> is the SDK's original exception.</summary>
        public GraphRequestException(int? statusCode, string? graphErrorCode, string graphMessage, string? requestId, string? clientRequestId, Exception? inner)
            : base(Compose(statusCode, graphErrorCode, graphMessage, requestId), inner)
        {
            StatusCode = statusCode;
            GraphErrorCode = graphErrorCode;
            GraphMessage = graphMessage;
            RequestId = requestId;
            ClientRequestId = clientRequestId;
        }

        private GraphRequestException(string message, Exception inner) : base(message, inner)
        {
            GraphMessage = message;
            _signInFailed = true;
        }

        // Set only by SignInFailed: no response came from Graph because no token could be had.
        private readonly bool _signInFailed;

        /// <summary>
        /// The credential could not renew the token during a run (secret rotated, app deleted, authority unreachable):
        /// no request was sent; <see cref="Kind"/> is <see cref="GraphFailureKind.Authentication"/>.
        /// </summary>
        public static GraphRequestException SignInFailed(Exception credentialFailure) =>
            new GraphRequestException("Renewing the access token failed, so the request was not sent. " + Auth.SignInFailedException.Describe(credentialFailure), credentialFailure);

        /// <summary>The HTTP status; null when no response arrived (network failure).</summary>
        public int? StatusCode { get; }

        /// <summary>Graph's <c>error.code</c>, when the response had an error body.</summary>
        public string? GraphErrorCode { get; }

        /// <summary>Graph's <c>error.message</c>, or a description of the transport failure.</summary>
        public string GraphMessage { get; }

        /// <summary>Graph's <c>request-id</c> (header or <c>error.innerError</c>).</summary>
        public string? RequestId { get; }

        /// <summary>Graph's <c>client-request-id</c>.</summary>
        public string? ClientRequestId { get; }

        /// <summary>
        /// True when the request was a write and an attempt may have reached Graph (answer lost, timeout, 429/5xx on a
        /// write): the change may have been applied. Set by the batch dispatcher when its retries run out.
        /// </summary>
        public bool MayHaveBeenApplied { get; set; }

        /// <summary>What the failure means (see <see cref="GraphFailureKind"/>).</summary>
        public GraphFailureKind Kind => _signInFailed ? GraphFailureKind.Authentication : Classify(StatusCode, GraphErrorCode, GraphMessage);

        // Graph uses the generic Request_BadRequest code for several password failures; only the message tells
        // them apart (graph-facts.md §1 and graph-error-samples.json). Microsoft advises coding against codes, but
        // there is no finer code to use.
        private static GraphFailureKind Classify(int? status, string? code, string message)
        {
            switch (status)
            {
                case null: return GraphFailureKind.Unreachable;
                case 400 when string.Equals(code, "Request_UnsupportedQuery", StringComparison.OrdinalIgnoreCase): return GraphFailureKind.UnsupportedQuery;
                case 400 when Has(message, "on-premises mastered"): return GraphFailureKind.OnPremisesMastered;
                case 400 when Has(message, "federated"): return GraphFailureKind.FederatedUser;
                case 400 when Has(message, "password") && (Has(message, "complexity") || Has(message, "banned")): return GraphFailureKind.PasswordRejected;
                // Temporary Access Pass refusals: Graph documents neither status nor wording (graph-facts.md §10); the texts
                // are the reported policy message, the emulator's (its README says they are our assumption) and Entra's.
                case 400 when Has(message, "UserCredentialPolicy"): return GraphFailureKind.AccessPassPolicyRefused;
                case 400 when Has(message, "Temporary Access Pass policy") && Has(message, "lifetimeInMinutes"): return GraphFailureKind.AccessPassLifetimeRefused;
                case 400 when Has(message, "Temporary Access Pass policy"): return GraphFailureKind.AccessPassPolicyRefused;
                case 400 when Has(message, "external guest user"): return GraphFailureKind.ExternalUserRefused;
                case 400: return GraphFailureKind.BadRequest;
                case 401: return GraphFailureKind.Authentication;
                case 403: return GraphFailureKind.PermissionDenied;
                case 404: return GraphFailureKind.NotFound;
                case 429: return GraphFailureKind.Throttled;
                case int s when s >= 500: return GraphFailureKind.Unavailable;
                default: return GraphFailureKind.Other;
            }
        }

        private static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string Compose(int? status, string? code, string message, string? requestId)
        {
            string head = status.HasValue ? $"Graph answered {status.Value}" : "Graph could not be reached";
            if (!string.IsNullOrEmpty(code)) head += " " + code;
            string tail = string.IsNullOrEmpty(requestId) ? string.Empty : $" (request-id: {requestId})";
            return $"{head}: {message}{tail}";
        }
    }
}
