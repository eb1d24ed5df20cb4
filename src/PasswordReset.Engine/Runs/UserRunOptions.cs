using System;

namespace PasswordReset.Runs
{
    /// <summary>How much one run keeps in flight and how its requests are batched (the same for every operation).</summary>
    public sealed class UserRunOptions
    {
        /// <summary>
        /// Users in flight at once (looked up, waiting to be sent, or sent). Bounds memory and what a stop leaves
        /// behind; the cmdlets set it from <c>-BatchSize</c> × <c>-ThrottleLimit</c> × 2 so batches stay full. Default 160.
        /// </summary>
        public int MaxUsersInFlight { get; set; } = 160;

        /// <summary>Inner requests per <c>$batch</c>, 1–20 (graph-facts.md §5); default 20.</summary>
        public int BatchSize { get; set; } = 20;

        /// <summary>
        /// Batches in flight at once; the pacer may send fewer when Graph signals load. Null for the dispatcher's default.
        /// </summary>
        public int? ThrottleLimit { get; set; }

        /// <summary>How long one batch attempt may wait for its answer before it is retried; null for the dispatcher's default.</summary>
        public TimeSpan? RequestTimeout { get; set; }

        internal void Validate()
        {
            if (MaxUsersInFlight < 1) throw new ArgumentOutOfRangeException(nameof(MaxUsersInFlight), MaxUsersInFlight, "At least one user must be allowed in flight.");
        }
    }
}
