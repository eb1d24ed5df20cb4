using System;
using System.Collections.Generic;
using System.Globalization;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Reads Graph's throttling headers from their raw text (graph-facts.md §6). <c>Retry-After</c> is seconds and may be
    /// fractional (<c>2.128</c> is Graph's own example; .NET's typed <c>RetryAfter</c> is null for it), or an HTTP date.
    /// </summary>
    internal static class ThrottleHeaders
    {
        public const string RetryAfter = "Retry-After";
        public const string LimitPercentage = "x-ms-throttle-limit-percentage";

        /// <summary>The wait a <c>Retry-After</c> value asks for, or null when absent or unreadable. Never negative.</summary>
        public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset utcNow)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            string text = value!.Trim();
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds))
            {
                // Caps absurd values; the retry budget decides whether to wait that long.
                return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                TimeSpan wait = at - utcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>The <c>x-ms-throttle-limit-percentage</c> value (e.g. 0.85 or 1.2), or null.</summary>
        public static double? ParseLimitPercentage(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            return double.TryParse(value!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) && p >= 0 && p < 100 ? p : (double?)null;
        }

        /// <summary>Case-insensitive header lookup.</summary>
        public static string? Find(IReadOnlyDictionary<string, string> headers, string name)
        {
            if (headers.TryGetValue(name, out string? direct)) return direct;
            foreach (var pair in headers)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
            }

            return null;
        }
    }
}
