using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PasswordReset.Graph.Batching
{
    /// <summary>Where a call is in the dispatcher. Changed only under the dispatcher's lock.</summary>
    internal enum CallState
    {
        /// <summary>Waiting in a queue to be put in a batch.</summary>
        Queued,
        /// <summary>In a batch on the wire.</summary>
        Sending,
        /// <summary>Waiting for its retry delay.</summary>
        Waiting,
        /// <summary>Answered, failed or cancelled.</summary>
        Done,
    }

    /// <summary>One <see cref="GraphCall"/> from <c>SendAsync</c> to its final answer, across every attempt.</summary>
    internal sealed class PendingCall
    {
        public PendingCall(GraphCall call, TimeSpan now, CancellationToken cancellationToken)
        {
            Call = call;
            CancellationToken = cancellationToken;
            QueuedAt = now;
        }

        public GraphCall Call { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>Continuations run asynchronously: the caller's code never runs on the dispatcher's threads.</summary>
        public TaskCompletionSource<GraphAnswer> Completion { get; } = new TaskCompletionSource<GraphAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public CallState State { get; set; }

        public LinkedListNode<PendingCall>? Node { get; set; }

        /// <summary>When it joined a queue (first time or for a retry); drives the linger.</summary>
        public TimeSpan QueuedAt { get; set; }

        /// <summary>When it was first sent; bounds the total retry time.</summary>
        public TimeSpan FirstSentAt { get; set; }

        /// <summary>Sends so far.</summary>
        public int Attempts { get; set; }

        /// <summary>A write some attempt of which may have reached Graph without a clear "not applied" answer.</summary>
        public bool MayHaveBeenApplied { get; set; }

        /// <summary>What the last failed attempt got (for the exception when retries run out).</summary>
        public AttemptFailure? LastFailure { get; set; }

        /// <summary>
        /// True while cancelling loses nothing: never sent, or a read (a GET waiting for a retry has no effect to lose).
        /// A write once sent is seen through to its answer.
        /// </summary>
        public bool Cancellable => Attempts == 0 || !Call.IsWrite;
    }

    /// <summary>Why an attempt is retried: status (null = no answer), Graph's code and message, request-id.</summary>
    internal sealed class AttemptFailure
    {
        public AttemptFailure(int? status, string? code, string message, string? requestId, string? clientRequestId, Exception? error)
        {
            Status = status;
            Code = code;
            Message = message;
            RequestId = requestId;
            ClientRequestId = clientRequestId;
            Error = error;
        }

        public int? Status { get; }
        public string? Code { get; }
        public string Message { get; }
        public string? RequestId { get; }
        public string? ClientRequestId { get; }
        public Exception? Error { get; }
    }
}
