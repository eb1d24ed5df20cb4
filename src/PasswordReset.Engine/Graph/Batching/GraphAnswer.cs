using System;
using System.Collections.Generic;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// The final answer to one <see cref="GraphCall"/>: after the dispatcher's retries, a status that is not
    /// retried (2xx, or a 4xx such as 404 or 403). Headers are the inner response's headers (case-insensitive).
    /// </summary>
    public sealed class GraphAnswer
    {
        /// <summary>Creates an answer.</summary>
        public GraphAnswer(int status, IReadOnlyDictionary<string, string> headers, string? bodyJson, int attempts)
        {
            Status = status;
            Headers = headers ?? throw new ArgumentNullException(nameof(headers));
            BodyJson = bodyJson;
            Attempts = attempts;
        }

        /// <summary>The inner HTTP status.</summary>
        public int Status { get; }

        /// <summary>The inner response headers.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The inner response body as JSON text, or null (e.g. 204).</summary>
        public string? BodyJson { get; }

        /// <summary>
        /// True when an earlier attempt of this write may have been applied although this final answer says otherwise
        /// (its answer was lost, or it got a 429/5xx): e.g. a 401 after a lost answer does not mean nothing changed.
        /// </summary>
        public bool EarlierAttemptMayHaveApplied { get; internal set; }

        /// <summary>How many times the call was sent (1 = no retry).</summary>
        public int Attempts { get; }

        /// <summary>True for 2xx.</summary>
        public bool IsSuccess => Status >= 200 && Status < 300;

        /// <summary>Graph's <c>request-id</c> of the answering attempt, when present.</summary>
        public string? RequestId => ThrottleHeaders.Find(Headers, "request-id");

        /// <summary>
        /// This answer as a <see cref="Errors.GraphRequestException"/> (status, Graph's error code, message and request-id
        /// read from the error body), for a caller that treats it as a failure. Never includes the request body.
        /// </summary>
        public Errors.GraphRequestException ToException()
        {
            GraphErrorBody error = GraphErrorBody.Read(BodyJson);
            return new Errors.GraphRequestException(Status, error.Code, error.Message ?? "Graph answered " + Status + ".",
                error.RequestId ?? RequestId, error.ClientRequestId ?? ThrottleHeaders.Find(Headers, "client-request-id"), null);
        }
    }
}
