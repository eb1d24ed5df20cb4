using System;
using System.Collections.Generic;

namespace PasswordReset.Graph.Batching
{
    /// <summary>How one <c>$batch</c> POST ended.</summary>
    internal enum BatchReplyKind
    {
        /// <summary>Outer 2xx with a readable body: <see cref="BatchReply.Answers"/> holds the inner answers.</summary>
        Answered,
        /// <summary>Outer status other than 2xx (<see cref="BatchReply.Status"/>).</summary>
        OuterStatus,
        /// <summary>Outer 2xx whose body is not a batch answer (truncated, not JSON).</summary>
        Malformed,
        /// <summary>No answer: dropped connection, DNS/TLS failure or the per-attempt timeout.</summary>
        NoAnswer,
        /// <summary>No token could be had, so nothing was sent.</summary>
        SignInFailed,
    }

    /// <summary>The result of one <c>$batch</c> POST as the transport saw it; never contains a request body.</summary>
    internal sealed class BatchReply
    {
        private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

        private BatchReply(BatchReplyKind kind) => Kind = kind;

        public BatchReplyKind Kind { get; private set; }

        /// <summary>The outer status, when one arrived.</summary>
        public int? Status { get; private set; }

        /// <summary>The outer response headers (case-insensitive).</summary>
        public IReadOnlyDictionary<string, string> Headers { get; private set; } = NoHeaders;

        /// <summary>The outer body for a non-2xx outer status (Graph's error envelope), else null.</summary>
        public string? ErrorBody { get; private set; }

        /// <summary>Inner answers by id, for <see cref="BatchReplyKind.Answered"/>.</summary>
        public IReadOnlyDictionary<string, GraphAnswer>? Answers { get; private set; }

        /// <summary>What went wrong, for log lines and exception messages.</summary>
        public string Description { get; private set; } = string.Empty;

        /// <summary>The underlying exception, if any.</summary>
        public Exception? Error { get; private set; }

        public static BatchReply Answered(int status, IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, GraphAnswer> answers) =>
            new BatchReply(BatchReplyKind.Answered) { Status = status, Headers = headers, Answers = answers, Description = "answered" };

        public static BatchReply Outer(int status, IReadOnlyDictionary<string, string> headers, string? errorBody) =>
            new BatchReply(BatchReplyKind.OuterStatus) { Status = status, Headers = headers, ErrorBody = errorBody, Description = "the $batch request was answered " + status };

        public static BatchReply Malformed(int status, IReadOnlyDictionary<string, string> headers, Exception error) =>
            new BatchReply(BatchReplyKind.Malformed) { Status = status, Headers = headers, Error = error, Description = "the $batch answer was malformed (" + error.Message + ")" };

        public static BatchReply NoAnswer(string description, Exception error) =>
            new BatchReply(BatchReplyKind.NoAnswer) { Error = error, Description = description };

        public static BatchReply SignInFailed(Exception error) =>
            new BatchReply(BatchReplyKind.SignInFailed) { Error = error, Description = "no access token could be had" };
    }
}
