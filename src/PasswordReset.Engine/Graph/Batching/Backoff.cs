using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Exponential backoff with full jitter (a uniform delay up to <c>min(max, base × 2^(attempt−1))</c>), used when the
    /// server sends no <c>Retry-After</c>: spreads the retries of a whole failed batch instead of sending them back together.
    /// </summary>
    internal sealed class Backoff
    {
        private readonly TimeSpan _base;
        private readonly TimeSpan _max;
        private readonly Random _random;
        private readonly object _gate = new object();

        public Backoff(TimeSpan baseDelay, TimeSpan maxDelay, int? seed = null)
        {
            _base = baseDelay;
            _max = maxDelay;
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        /// <summary>The delay before retry number <paramref name="attempt"/> (1 = first retry).</summary>
        public TimeSpan Next(int attempt)
        {
            double ceiling = Math.Min(_max.TotalMilliseconds, _base.TotalMilliseconds * Math.Pow(2, Math.Max(0, Math.Min(attempt - 1, 30))));
            double fraction;
            lock (_gate) fraction = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling * fraction);
        }
    }
}
