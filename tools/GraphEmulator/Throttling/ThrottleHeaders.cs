using System.Globalization;

namespace GraphEmulator;

/// <summary>Names and value formats of the throttling headers (graph-facts.md §6).</summary>
internal static class ThrottleHeaders
{
    /// <summary>Resource units charged for the request, a positive integer; on every response.</summary>
    public const string ResourceUnit = "x-ms-resource-unit";

    /// <summary>Use of the most-used limit, 0.80 to 1.80; only above 80 % used.</summary>
    public const string LimitPercentage = "x-ms-throttle-limit-percentage";

    /// <summary><c>&lt;Scope&gt;/&lt;Limit&gt;/&lt;ApplicationId&gt;/&lt;TenantId&gt;</c>; on a refusal.</summary>
    public const string Scope = "x-ms-throttle-scope";

    /// <summary>Why the request was refused; on a refusal.</summary>
    public const string Information = "x-ms-throttle-information";

    /// <summary>Seconds to wait, fractional (Graph's own example is <c>2.128</c>); on a refusal.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary><c>x-ms-throttle-information</c> when a write bucket refused.</summary>
    public const string WriteLimitExceeded = "WriteLimitExceeded";

    /// <summary><c>x-ms-throttle-information</c> when a resource-unit bucket refused.</summary>
    public const string ResourceUnitLimitExceeded = "ResourceUnitLimitExceeded";

    /// <summary>Two decimals, invariant culture: <c>0.85</c>, <c>1.00</c>.</summary>
    public static string FormatPercentage(double fraction) => fraction.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Seconds with up to three decimals, invariant culture: <c>2.128</c>, <c>1</c>.</summary>
    public static string FormatRetryAfter(TimeSpan wait) =>
        (wait.Ticks / (double)TimeSpan.TicksPerSecond).ToString("0.###", CultureInfo.InvariantCulture);
}
