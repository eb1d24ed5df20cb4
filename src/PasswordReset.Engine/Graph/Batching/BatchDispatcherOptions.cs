using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// How a <see cref="BatchDispatcher"/> groups, paces and retries calls. Every value has a default suited to bulk
    /// work against Microsoft Graph; <see cref="Validate"/> is called by the dispatcher's constructor.
    /// </summary>
    public sealed class BatchDispatcherOptions
    {
        /// <summary>Inner requests per <c>$batch</c>, 1–20 (Graph's maximum, graph-facts.md §5). Default 20.</summary>
        public int BatchSize { get; set; } = 20;

        /// <summary>
        /// Batches in flight at once, 1–64. Default 8: 160 calls in flight is enough to saturate Graph's write quota
        /// (20 writes/s sustained, a 3,000-write burst; §6) at several seconds of latency, while keeping what is in
        /// flight when the bucket runs dry — and so the 429s it earns — to a few batches. The pacer lowers the
        /// effective limit as <c>x-ms-throttle-limit-percentage</c> rises.
        /// </summary>
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>
        /// How long a partial batch waits for more calls when a sending slot is free. Default 5 ms: long enough to
        /// gather calls that arrive together, short enough not to matter to a single lookup.
        /// </summary>
        public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

        /// <summary>
        /// The time one <c>$batch</c> POST may take, answer included, before it counts as lost and is retried.
        /// Default 30 s (a batch of 20 normally answers in well under a second; the HTTP client's 100 s is far too long
        /// for a hang in bulk work). Linked with nothing the caller can cancel: a batch on the wire is always awaited.
        /// </summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Sends per call, first one included, before it fails. Default 8.</summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>Time from a call's first send after which it is no longer retried. Default 5 minutes.</summary>
        public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>First backoff step when the server sends no <c>Retry-After</c> (full jitter: a random delay up to
        /// <c>min(MaxBackoff, BaseBackoff × 2^(attempt−1))</c>). Default 1 s.</summary>
        public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Largest backoff without <c>Retry-After</c>. Default 30 s.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How the send rate follows the server's throttling signals.</summary>
        public PacingOptions Pacing { get; set; } = new PacingOptions();

        /// <summary>Throws when a value is out of range.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
        public void Validate()
        {
            if (BatchSize < 1 || BatchSize > 20) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be 1–20 (Graph's $batch limit).");
            if (ThrottleLimit < 1 || ThrottleLimit > 64) throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), ThrottleLimit, "ThrottleLimit must be 1–64.");
            if (Linger < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Linger), Linger, "Linger cannot be negative.");
            if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
            if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1.");
            if (MaxRetryTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxRetryTime), MaxRetryTime, "MaxRetryTime cannot be negative.");
            if (BaseBackoff < TimeSpan.Zero || MaxBackoff < BaseBackoff) throw new ArgumentOutOfRangeException(nameof(BaseBackoff), BaseBackoff, "BaseBackoff must be 0 or more and at most MaxBackoff.");
            if (Pacing is null) throw new ArgumentOutOfRangeException(nameof(Pacing), "Pacing options are required.");
            Pacing.Validate();
        }
    }
}
