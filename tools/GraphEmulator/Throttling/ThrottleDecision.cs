namespace GraphEmulator;

/// <summary>
/// What <see cref="GraphThrottle.Admit"/> decided for one request. A refused request is answered 429 (the
/// body comes from <see cref="GraphErrors"/>); either way <see cref="Headers"/> go on the (inner) response.
/// </summary>
internal sealed class ThrottleDecision
{
    private static readonly ThrottleDecision[] PlainAllowed = CreatePlainAllowed(16);

    private ThrottleDecision(bool allowed, TimeSpan? retryAfter, string? scope, string? information,
        IReadOnlyDictionary<string, string> headers)
    {
        Allowed = allowed;
        RetryAfter = retryAfter;
        Scope = scope;
        Information = information;
        Headers = headers;
    }

    /// <summary>True: serve the request. False: answer 429 Too Many Requests.</summary>
    public bool Allowed { get; }

    /// <summary>On a refusal, how long to wait (whole milliseconds); null when allowed.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>On a refusal, the <c>x-ms-throttle-scope</c> value; null when allowed.</summary>
    public string? Scope { get; }

    /// <summary>On a refusal, the <c>x-ms-throttle-information</c> value; null when allowed.</summary>
    public string? Information { get; }

    /// <summary>
    /// Headers for the response, names as in <see cref="ThrottleHeaders"/>: always <c>x-ms-resource-unit</c>;
    /// <c>x-ms-throttle-limit-percentage</c> above 80 % used; on a refusal also <c>Retry-After</c>,
    /// <c>x-ms-throttle-scope</c> and <c>x-ms-throttle-information</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Allowed with only <c>x-ms-resource-unit</c>; shared instances for the usual costs.</summary>
    internal static ThrottleDecision Allow(int resourceUnits) =>
        resourceUnits < PlainAllowed.Length ? PlainAllowed[resourceUnits] : Create(resourceUnits, null);

    /// <summary>Allowed, with <c>x-ms-throttle-limit-percentage</c> when <paramref name="percentage"/> is set.</summary>
    internal static ThrottleDecision Allow(int resourceUnits, string? percentage) =>
        percentage is null ? Allow(resourceUnits) : Create(resourceUnits, percentage);

    internal static ThrottleDecision Refuse(int resourceUnits, string percentage, TimeSpan retryAfter, string scope, string information)
    {
        var headers = new Dictionary<string, string>(5, StringComparer.OrdinalIgnoreCase)
        {
            [ThrottleHeaders.ResourceUnit] = ResourceUnitText(resourceUnits),
            [ThrottleHeaders.LimitPercentage] = percentage,
            [ThrottleHeaders.RetryAfter] = ThrottleHeaders.FormatRetryAfter(retryAfter),
            [ThrottleHeaders.Scope] = scope,
            [ThrottleHeaders.Information] = information,
        };
        return new ThrottleDecision(false, retryAfter, scope, information, headers.AsReadOnly());
    }

    private static ThrottleDecision Create(int resourceUnits, string? percentage)
    {
        var headers = new Dictionary<string, string>(2, StringComparer.OrdinalIgnoreCase)
        {
            [ThrottleHeaders.ResourceUnit] = ResourceUnitText(resourceUnits),
        };
        if (percentage is not null)
        {
            headers[ThrottleHeaders.LimitPercentage] = percentage;
        }

        // Read-only: the usual decisions are shared between requests.
        return new ThrottleDecision(true, null, null, null, headers.AsReadOnly());
    }

    private static string ResourceUnitText(int resourceUnits) =>
        resourceUnits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ThrottleDecision[] CreatePlainAllowed(int count)
    {
        var decisions = new ThrottleDecision[count];
        for (var units = 0; units < count; units++)
        {
            decisions[units] = Create(units, null);
        }

        return decisions;
    }
}
