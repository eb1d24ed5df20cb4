using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// How <see cref="AdaptivePacer"/> follows <c>x-ms-throttle-limit-percentage</c> (graph-facts.md §6: sent above 80%
    /// use of the quota, 1.0 = throttling starts). The pacer aims to hold the percentage inside
    /// [<see cref="TargetLow"/>, <see cref="TargetHigh"/>]: high enough that the server's token bucket stays nearly empty
    /// (every refilled write is used), low enough that it never runs dry (no 429).
    /// </summary>
    public sealed class PacingOptions
    {
        /// <summary>Below this (predicted) percentage the rate is raised. Default 0.85.</summary>
        public double TargetLow { get; set; } = 0.85;

        /// <summary>Above this (predicted) percentage the rate is cut. Default 0.95.</summary>
        public double TargetHigh { get; set; } = 0.95;

        /// <summary>How often the rate is re-evaluated from the answers since the last evaluation. Default 250 ms.</summary>
        public TimeSpan AdjustInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>How far ahead the percentage's trend is extrapolated (covers answers' latency). Default 1 s.</summary>
        public TimeSpan Horizon { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Time without any throttling signal after which the rate limit is lifted. Default 5 s.</summary>
        public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The lowest rate the pacer sets, in calls per second. Default 1.</summary>
        public double MinRate { get; set; } = 1;

        /// <summary>Throws when a value is out of range.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
        public void Validate()
        {
            if (!(TargetLow > 0 && TargetLow < TargetHigh)) throw new ArgumentOutOfRangeException(nameof(TargetLow), TargetLow, "TargetLow must be positive and below TargetHigh.");
            if (AdjustInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AdjustInterval), AdjustInterval, "AdjustInterval must be positive.");
            if (Horizon < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "Horizon cannot be negative.");
            if (QuietPeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(QuietPeriod), QuietPeriod, "QuietPeriod must be positive.");
            if (!(MinRate > 0)) throw new ArgumentOutOfRangeException(nameof(MinRate), MinRate, "MinRate must be positive.");
        }
    }
}
