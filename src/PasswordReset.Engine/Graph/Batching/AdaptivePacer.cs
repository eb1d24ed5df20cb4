using System;
using System.Globalization;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Decides when the dispatcher may send, from what the server says (graph-facts.md §6): a rate per kind of call
    /// (writes and reads have separate quotas: 3,000 writes per 150 s, resource units per 10 s) that follows
    /// <c>x-ms-throttle-limit-percentage</c> (see <see cref="PacingLane"/>), a hold of every sender until the longest
    /// <c>Retry-After</c> of a 429, and a window of batches in flight that shrinks as the percentage nears 1.0 (what is
    /// in flight when the server's bucket runs dry comes back as 429s). With no signal it sends as fast as
    /// <see cref="BatchDispatcherOptions.ThrottleLimit"/> allows. Thread-safe; time comes from the caller.
    /// </summary>
    internal sealed class AdaptivePacer
    {
        private const int MinWindow = 2;
        private readonly object _gate = new object();
        private readonly int _throttleLimit;
        private readonly Action<BatchEvent>? _onEvent;
        private TimeSpan _holdUntil;

        public AdaptivePacer(PacingOptions options, int throttleLimit, int batchSize, TimeSpan now, Action<BatchEvent>? onEvent = null)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            _throttleLimit = Math.Max(1, throttleLimit);
            _onEvent = onEvent;
            Writes = new PacingLane("write", options, batchSize, now);
            Reads = new PacingLane("read", options, batchSize, now);
        }

        internal PacingLane Writes { get; }

        internal PacingLane Reads { get; }

        /// <summary>Times every sender was held.</summary>
        public long Holds { get { lock (_gate) return _holds; } }

        private long _holds;

        /// <summary>Write calls per second allowed (infinity = no limit).</summary>
        public double WriteRate { get { lock (_gate) return Writes.Rate; } }

        /// <summary>Read calls per second allowed (infinity = no limit).</summary>
        public double ReadRate { get { lock (_gate) return Reads.Rate; } }

        /// <summary>The last mean write percentage, or null.</summary>
        public double? WriteLimitPercentage { get { lock (_gate) return Writes.LastPercentage; } }

        /// <summary>
        /// Batches allowed in flight: <see cref="BatchDispatcherOptions.ThrottleLimit"/> up to 80% use, falling linearly
        /// to 2 at 100%.
        /// </summary>
        public int Window
        {
            get
            {
                lock (_gate)
                {
                    double p = Math.Max(Writes.LastPercentage ?? 0, Reads.LastPercentage ?? 0);
                    if (p <= 0.8) return _throttleLimit;
                    int window = (int)Math.Ceiling(_throttleLimit * (1.0 - p) / 0.2);
                    return Math.Min(_throttleLimit, Math.Max(MinWindow, window));
                }
            }
        }

        /// <summary>Time left of a 429 hold (zero when none).</summary>
        public TimeSpan HoldRemaining(TimeSpan now)
        {
            lock (_gate) return _holdUntil > now ? _holdUntil - now : TimeSpan.Zero;
        }

        /// <summary>How long until a batch of <paramref name="writes"/> writes and <paramref name="reads"/> reads may go.</summary>
        public TimeSpan TimeUntil(int writes, int reads, TimeSpan now)
        {
            lock (_gate)
            {
                TimeSpan hold = _holdUntil > now ? _holdUntil - now : TimeSpan.Zero;
                TimeSpan w = Writes.TimeUntil(writes, now);
                TimeSpan r = Reads.TimeUntil(reads, now);
                return Max(hold, Max(w, r));
            }
        }

        /// <summary>Records a batch sent now.</summary>
        public void Sent(int writes, int reads, TimeSpan now)
        {
            lock (_gate)
            {
                Writes.Take(writes, now);
                Reads.Take(reads, now);
            }
        }

        /// <summary>Records one inner answer (any status) with its <c>x-ms-throttle-limit-percentage</c>.</summary>
        public void Answered(bool write, double? limitPercentage, TimeSpan now)
        {
            double? changed;
            PacingLane lane;
            lock (_gate)
            {
                lane = write ? Writes : Reads;
                changed = lane.Observe(limitPercentage, now);
            }

            if (changed.HasValue) Report(lane, changed.Value, limitPercentage);
        }

        /// <summary>
        /// A 429 (inner, or the whole batch): every sender waits until <paramref name="retryAfter"/> from now (the
        /// longest hold wins) and the rate of that kind of call is cut.
        /// </summary>
        public void Throttled(bool write, TimeSpan retryAfter, TimeSpan now, bool wholeBatch = false)
        {
            double? changed;
            PacingLane lane;
            bool extended = false;
            lock (_gate)
            {
                lane = write ? Writes : Reads;
                changed = lane.Throttled(now, wholeBatch);
                if (now + retryAfter > _holdUntil)
                {
                    extended = _holdUntil <= now; // a new hold, not one extended by the same burst of 429s
                    _holdUntil = now + retryAfter;
                    if (extended) _holds++;
                }
            }

            if (extended)
            {
                _onEvent?.Invoke(new BatchEvent(BatchEventKind.Hold,
                    string.Format(CultureInfo.InvariantCulture, "Graph throttled a {0} (429): holding every request for {1:0.###} s.", lane.Name, retryAfter.TotalSeconds),
                    429, retryAfter));
            }

            if (changed.HasValue) Report(lane, changed.Value, null);
        }

        private void Report(PacingLane lane, double rate, double? percentage)
        {
            if (_onEvent is null) return;
            string text = double.IsPositiveInfinity(rate)
                ? string.Format(CultureInfo.InvariantCulture, "No throttling signal for a while: {0} rate no longer limited.", lane.Name)
                : string.Format(CultureInfo.InvariantCulture, "{0} rate now {1:0.#} calls/s{2}.", lane.Name == "write" ? "Write" : "Read", rate,
                    percentage.HasValue ? string.Format(CultureInfo.InvariantCulture, " (x-ms-throttle-limit-percentage {0:0.###})", percentage.Value) : string.Empty);
            _onEvent(new BatchEvent(BatchEventKind.RateChanged, text, rate: rate));
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
