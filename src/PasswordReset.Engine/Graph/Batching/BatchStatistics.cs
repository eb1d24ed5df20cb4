namespace PasswordReset.Graph.Batching
{
    /// <summary>A snapshot of a <see cref="BatchDispatcher"/>'s counters (diagnostics and benchmarks).</summary>
    public sealed class BatchStatistics
    {
        /// <summary><c>$batch</c> POSTs sent, retries included.</summary>
        public long BatchesSent { get; internal set; }

        /// <summary>Inner requests sent, retries included.</summary>
        public long CallsSent { get; internal set; }

        /// <summary>Calls that got a final answer.</summary>
        public long CallsAnswered { get; internal set; }

        /// <summary>Calls that failed (retries ran out, or a batch-level 401/4xx).</summary>
        public long CallsFailed { get; internal set; }

        /// <summary>Inner requests sent again.</summary>
        public long Retries { get; internal set; }

        /// <summary>429 answers received (inner and outer; an outer 429 counts once per call in the batch).</summary>
        public long Throttled { get; internal set; }

        /// <summary>Whole batches that failed (dropped connection, timeout, outer 5xx/429, malformed answer).</summary>
        public long BatchFailures { get; internal set; }

        /// <summary>Times every sender was held for a 429's <c>Retry-After</c>.</summary>
        public long Holds { get; internal set; }

        /// <summary>The write rate limit in calls/s; <see cref="double.PositiveInfinity"/> while unlimited.</summary>
        public double WriteRate { get; internal set; }

        /// <summary>The read rate limit in calls/s; <see cref="double.PositiveInfinity"/> while unlimited.</summary>
        public double ReadRate { get; internal set; }

        /// <summary>The last <c>x-ms-throttle-limit-percentage</c> seen on a write answer, or null (none recently).</summary>
        public double? WriteLimitPercentage { get; internal set; }

        /// <summary>Batches the pacer currently allows in flight.</summary>
        public int Window { get; internal set; }
    }
}
