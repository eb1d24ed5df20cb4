using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>What a <see cref="BatchEvent"/> reports.</summary>
    public enum BatchEventKind
    {
        /// <summary>A call (or a whole batch) will be sent again after <see cref="BatchEvent.Delay"/>.</summary>
        Retry,
        /// <summary>A 429 holds every sender for <see cref="BatchEvent.Delay"/>.</summary>
        Hold,
        /// <summary>The pacer changed a send rate (<see cref="BatchEvent.Rate"/>, calls/s; infinity = no limit).</summary>
        RateChanged,
        /// <summary>A call ran out of retries and fails.</summary>
        GaveUp,
    }

    /// <summary>
    /// A diagnostic line from the <see cref="BatchDispatcher"/> for the Verbose/Debug streams. Text only: never a body,
    /// a password or a token (calls are named by <see cref="GraphCall.Label"/>).
    /// </summary>
    public sealed class BatchEvent
    {
        internal BatchEvent(BatchEventKind kind, string message, int? status = null, TimeSpan? delay = null, double? rate = null)
        {
            Kind = kind;
            Message = message;
            Status = status;
            Delay = delay;
            Rate = rate;
        }

        /// <summary>What happened.</summary>
        public BatchEventKind Kind { get; }

        /// <summary>A one-line description, e.g. <c>Retrying PATCH adele@contoso.com (429, attempt 2) in 2.128 s.</c></summary>
        public string Message { get; }

        /// <summary>The HTTP status that caused it, when there was one.</summary>
        public int? Status { get; }

        /// <summary>The wait, for <see cref="BatchEventKind.Retry"/> and <see cref="BatchEventKind.Hold"/>.</summary>
        public TimeSpan? Delay { get; }

        /// <summary>The new rate in calls/s for <see cref="BatchEventKind.RateChanged"/>.</summary>
        public double? Rate { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
