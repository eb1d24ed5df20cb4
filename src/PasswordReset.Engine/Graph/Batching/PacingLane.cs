using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// The send rate of one kind of call (writes or reads) and the client-side token bucket that enforces it. Not
    /// thread-safe: <see cref="AdaptivePacer"/> serialises access.
    /// </summary>
    /// <remarks>
    /// Control law, evaluated once per <see cref="PacingOptions.AdjustInterval"/> from the answers of that interval:
    /// the mean <c>x-ms-throttle-limit-percentage</c> p and its trend give a prediction p̂ one
    /// <see cref="PacingOptions.Horizon"/> ahead. p̂ ≥ 1 → rate × 0.6; p̂ above the band → × 0.85; inside it → held
    /// (× 1.03 when falling); below it → × 1.1. The first signal after an unlimited spell starts from half the
    /// measured answer rate (and at most what would spend the rest of the bucket in 2 s): the server's bucket is already
    /// 80% used and the batches in flight still draw on it, and a
    /// rate too low costs nothing while the bucket stays non-full (it only banks tokens that are spent later). No
    /// signal at all → × 1.15 per interval, and no limit after <see cref="PacingOptions.QuietPeriod"/>.
    /// </remarks>
    internal sealed class PacingLane
    {
        private const int AnswersPerEvaluation = 100;
        // The share of recent answers that were 429 (an exponentially weighted mean over about the last 10 answers). A
        // quota that runs dry answers most requests with 429 and pushes it up within a few answers; Graph's stray 429s
        // "below the limits under load" (graph-facts §6) keep it low. Only a storm cuts the rate; every 429 still holds
        // all senders for its Retry-After.
        private const double ThrottleRatioWeight = 0.1;
        private const double ThrottleStormRatio = 0.5;
        private double _throttleRatio;
        private const double FirstSignalSpendSeconds = 2;
        private readonly PacingOptions _options;
        private readonly int _burst;

        private double _tokens;
        private TimeSpan _lastRefill;

        private TimeSpan _intervalStart;
        private int _answers;
        private long _totalAnswers;
        private int _signals;
        private double _sumPercentage;
        private double _answerRate;
        private double? _previousMean;
        private TimeSpan _previousMeanAt;
        private TimeSpan _lastSignal;
        private TimeSpan _lastThrottleCut = TimeSpan.MinValue;

        public PacingLane(string name, PacingOptions options, int burst, TimeSpan now)
        {
            Name = name;
            _options = options;
            _burst = Math.Max(1, burst);
            _intervalStart = now;
            _lastRefill = now;
            _lastSignal = now;
        }

        public string Name { get; }

        /// <summary>Calls per second allowed; <see cref="double.PositiveInfinity"/> = no limit.</summary>
        public double Rate { get; private set; } = double.PositiveInfinity;

        /// <summary>The mean percentage of the last interval that had one, cleared by an interval without.</summary>
        public double? LastPercentage { get; private set; }

        public bool IsLimited => !double.IsPositiveInfinity(Rate);

        /// <summary>How long until <paramref name="count"/> calls may be sent (zero = now).</summary>
        public TimeSpan TimeUntil(int count, TimeSpan now)
        {
            if (!IsLimited || count <= 0) return TimeSpan.Zero;
            Refill(now);
            double need = Math.Min(count, _burst) - _tokens;
            return need <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(need / Rate);
        }

        /// <summary>Spends tokens for <paramref name="count"/> calls sent now.</summary>
        public void Take(int count, TimeSpan now)
        {
            if (!IsLimited) return;
            Refill(now);
            _tokens -= count;
        }

        /// <summary>Counts one answer and its percentage header (null when absent). Returns the new rate when it changed.</summary>
        public double? Observe(double? percentage, TimeSpan now)
        {
            _throttleRatio *= 1 - ThrottleRatioWeight;
            _answers++;
            _totalAnswers++;
            if (percentage.HasValue)
            {
                _signals++;
                _sumPercentage += percentage.Value;
            }

            // Evaluate once per interval, sooner when answers pour in (a fast server drains its bucket within an interval),
            // and at once on the first signal after an unlimited spell: what is in flight is already drawing on the
            // last 20% of the server's bucket.
            TimeSpan elapsed = now - _intervalStart;
            bool due = elapsed >= _options.AdjustInterval
                || (_answers >= AnswersPerEvaluation && elapsed.Ticks * 10 >= _options.AdjustInterval.Ticks)
                || (percentage.HasValue && !IsLimited);
            return due ? Adjust(now) : null;
        }

        /// <summary>
        /// A 429 for this kind of call (after <see cref="Observe"/> counted its answer): in a storm of 429s, halve the rate
        /// (once per interval, however many calls the batch held); a stray 429 changes no rate.
        /// </summary>
        public double? Throttled(TimeSpan now, bool wholeBatch = false)
        {
            _throttleRatio = wholeBatch ? 1 : _throttleRatio + ThrottleRatioWeight;
            if (_throttleRatio < ThrottleStormRatio) return null;
            _lastSignal = now;
            if (_lastThrottleCut != TimeSpan.MinValue && now - _lastThrottleCut < _options.AdjustInterval) return null;
            _lastThrottleCut = now;
            double start = IsLimited ? Math.Min(Rate, Math.Max(MeasuredRate(now), _options.MinRate)) : MeasuredRate(now);
            return SetRate(start * 0.5, now, dropTokens: true);
        }

        private double? Adjust(TimeSpan now)
        {
            double seconds = Math.Max((now - _intervalStart).TotalSeconds, 1e-3);
            double measured = _answers / seconds;
            _answerRate = _answerRate <= 0 ? measured : (_answerRate + measured) / 2;
            double? result = null;

            if (_signals > 0)
            {
                double mean = _sumPercentage / _signals;
                double slope = _previousMean.HasValue ? (mean - _previousMean.Value) / Math.Max((now - _previousMeanAt).TotalSeconds, 1e-3) : 0;
                double predicted = mean + slope * _options.Horizon.TotalSeconds;
                _lastSignal = now;
                LastPercentage = mean;
                _previousMean = mean;
                _previousMeanAt = now;

                if (!IsLimited)
                {
                    // First signal: the bucket is already past 80% and what is in flight still draws on it. Start from
                    // half the measured rate, and no faster than would spend what is left of the bucket in a few
                    // seconds — its size estimated as the answers so far over the percentage, as if this run had found
                    // it full (an underestimate when others used it too: the safe side).
                    double left = Math.Max(0, 1 - mean) * (_totalAnswers / Math.Max(mean, 0.8));
                    double rate = Math.Min(_answerRate * (predicted >= 1.0 ? 0.3 : 0.5), left / FirstSignalSpendSeconds);
                    result = SetRate(rate, now, dropTokens: true);
                }
                else
                {
                    double factor =
                        predicted >= 1.0 ? 0.6 :
                        predicted >= _options.TargetHigh ? 0.85 :
                        predicted >= _options.TargetLow ? (slope < 0 ? 1.03 : 1.0) :
                        1.1;
                    if (factor != 1.0) result = SetRate(Rate * factor, now, dropTokens: false);
                }
            }
            else
            {
                LastPercentage = null;
                _previousMean = null;
                if (IsLimited)
                {
                    result = now - _lastSignal >= _options.QuietPeriod
                        ? SetRate(double.PositiveInfinity, now, dropTokens: false)
                        : SetRate(Rate * 1.15, now, dropTokens: false);
                }
            }

            _intervalStart = now;
            _answers = 0;
            _signals = 0;
            _sumPercentage = 0;
            return result;
        }

        private double MeasuredRate(TimeSpan now)
        {
            if (_answerRate > 0) return _answerRate;
            double seconds = Math.Max((now - _intervalStart).TotalSeconds, 0.1);
            return Math.Max((_answers + 1) / seconds, _options.MinRate);
        }

        private double? SetRate(double rate, TimeSpan now, bool dropTokens)
        {
            Refill(now);
            bool wasLimited = IsLimited;
            if (!double.IsPositiveInfinity(rate))
            {
                rate = Math.Max(rate, _options.MinRate);
                // A limit far above what is actually achieved says nothing; keep it within reach of the real rate.
                if (_answerRate > 0 && rate > Rate && rate > 2 * _answerRate) rate = Math.Max(Rate, 2 * _answerRate);
            }

            if (rate == Rate) return null;
            Rate = rate;
            if (!wasLimited || dropTokens) _tokens = 0;
            _lastRefill = now;
            return rate;
        }

        private void Refill(TimeSpan now)
        {
            if (IsLimited && now > _lastRefill)
            {
                _tokens = Math.Min(_burst, _tokens + (now - _lastRefill).TotalSeconds * Rate);
            }

            _lastRefill = now;
        }
    }
}
