namespace GraphEmulator;

/// <summary>
/// Graph's identity-and-access throttling (graph-facts.md §6) as token buckets: per app+tenant pair resource
/// units per 10 s (by tenant size) and writes per 150 s; per app across tenants 150,000 RU per 20 s and 35,000
/// writes per 5 min; per tenant across apps 18,000 writes per 5 min. A request is charged to every bucket of its
/// scope at once or, if any bucket lacks tokens, to none (a refused request consumes nothing). Thread-safe:
/// one lock makes the check-and-take across buckets atomic. Time comes from the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed class GraphThrottle
{
    private const double PercentageThreshold = 0.8; // §6: x-ms-throttle-limit-percentage only above 80 % used
    private const double MaxPercentage = 1.8;       // §6: the header ranges 0.8 to 1.8

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, PairBuckets>> _pairs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AppBuckets> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TokenBucket> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly TokenBucket[] _scratch = new TokenBucket[5]; // buckets of the request in hand (under _gate)
    private volatile ThrottlingOptions _options;
    private long _admitted;
    private long _throttled;
    private long _writeRefusals;
    private long _resourceUnitRefusals;

    /// <param name="options">Limits; validated (<see cref="ThrottlingOptions.Validate"/>).</param>
    /// <param name="clock">Time source; <see cref="TimeProvider.System"/> in the running emulator.</param>
    public GraphThrottle(ThrottlingOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
    }

    /// <summary>The limits in force.</summary>
    public ThrottlingOptions Options => _options;

    /// <summary>Decisions counted since start, the last <see cref="Reset"/> or <see cref="Configure"/>.</summary>
    public ThrottleCounters Counters => new(
        Interlocked.Read(ref _admitted),
        Interlocked.Read(ref _throttled),
        Interlocked.Read(ref _writeRefusals),
        Interlocked.Read(ref _resourceUnitRefusals));

    /// <summary>Puts new limits in force (control surface); every bucket starts full again and counters restart.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit below 1 or a time scale not &gt; 0.</exception>
    public void Configure(ThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lock (_gate)
        {
            _options = options;
            ClearState();
        }
    }

    /// <summary>Every bucket full again and counters at zero (used by <c>/_emulator/reset</c>); limits kept.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ClearState();
        }
    }

    /// <summary>
    /// Decides one request (a direct one or one inner request of a batch) and, when allowed, charges its cost.
    /// </summary>
    /// <param name="appId">Calling application (client id) of the token.</param>
    /// <param name="tenantId">Tenant the request is for (use one spelling per tenant: keys ignore case only).</param>
    /// <param name="tenantUserCount">Users in the tenant now: picks the S/M/L resource-unit limit.</param>
    /// <param name="cost">From <see cref="RequestCost.For"/>.</param>
    /// <returns>
    /// Allowed, or refused with <c>Retry-After</c> = time until the refusing bucket (the one needing the longest
    /// wait) holds enough tokens, at least 1 s ÷ time scale, rounded up to the millisecond.
    /// </returns>
    public ThrottleDecision Admit(string appId, string tenantId, int tenantUserCount, RequestCost cost)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!_options.Enabled)
        {
            Interlocked.Increment(ref _admitted);
            return ThrottleDecision.Allow(cost.ResourceUnits);
        }

        lock (_gate)
        {
            var options = _options; // re-read: Configure may have run since the check above
            if (!options.Enabled)
            {
                Interlocked.Increment(ref _admitted);
                return ThrottleDecision.Allow(cost.ResourceUnits);
            }

            return AdmitLocked(options, appId, tenantId, tenantUserCount, cost);
        }
    }

    private ThrottleDecision AdmitLocked(ThrottlingOptions options, string appId, string tenantId, int tenantUserCount, RequestCost cost)
    {
        var now = _clock.GetTimestamp();
        var pair = PairFor(options, appId, tenantId, tenantUserCount, now);
        var app = AppFor(options, appId, now);

        // Resource-unit buckets first, then (for writes only) the write buckets; index < 2 means "charge RU".
        _scratch[0] = pair.ResourceUnits;
        _scratch[1] = app.ResourceUnits;
        var count = 2;
        if (cost.Writes > 0)
        {
            _scratch[2] = pair.Writes;
            _scratch[3] = app.Writes;
            _scratch[4] = TenantFor(options, tenantId, now);
            count = 5;
        }

        TokenBucket? refusing = null;
        var longestWait = 0.0;
        for (var i = 0; i < count; i++)
        {
            var bucket = _scratch[i];
            var units = i < 2 ? cost.ResourceUnits : cost.Writes;
            bucket.Refill(now);
            if (!bucket.CanTake(units))
            {
                var wait = bucket.TimeUntil(units);
                if (refusing is null || wait > longestWait)
                {
                    refusing = bucket;
                    longestWait = wait;
                }
            }
        }

        if (refusing is not null)
        {
            return Refuse(options, refusing, longestWait, appId, tenantId, cost);
        }

        var mostUsed = 0.0;
        for (var i = 0; i < count; i++)
        {
            var bucket = _scratch[i];
            bucket.Take(i < 2 ? cost.ResourceUnits : cost.Writes);
            mostUsed = Math.Max(mostUsed, bucket.Used);
        }

        Interlocked.Increment(ref _admitted);
        var percentage = mostUsed > PercentageThreshold ? ThrottleHeaders.FormatPercentage(Math.Min(1, mostUsed)) : null;
        return ThrottleDecision.Allow(cost.ResourceUnits, percentage);
    }

    private ThrottleDecision Refuse(ThrottlingOptions options, TokenBucket refusing, double waitTimestampUnits, string appId, string tenantId, RequestCost cost)
    {
        refusing.RecordRefusal();
        Interlocked.Increment(ref _throttled);
        Interlocked.Increment(ref refusing.Information == ThrottleHeaders.WriteLimitExceeded ? ref _writeRefusals : ref _resourceUnitRefusals);

        // Our assumption (Graph documents none): at least 1 s (scaled), so a client is never told to retry at
        // once; and above 1.0 the percentage is 1 + the bucket's recent refused share (§6: 1.2 ≈ 20 % throttled).
        var waitTicks = (long)Math.Ceiling(waitTimestampUnits * TimeSpan.TicksPerSecond / _clock.TimestampFrequency);
        var floorTicks = (long)Math.Ceiling(TimeSpan.TicksPerSecond / options.TimeScale);
        var ticks = Math.Max(waitTicks, floorTicks);
        var retryAfter = TimeSpan.FromMilliseconds((ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
        var percentage = ThrottleHeaders.FormatPercentage(Math.Min(MaxPercentage, 1 + refusing.RefusedShare));
        return ThrottleDecision.Refuse(cost.ResourceUnits, percentage, retryAfter, refusing.ScopeFor(appId, tenantId), refusing.Information);
    }

    private PairBuckets PairFor(ThrottlingOptions options, string appId, string tenantId, int tenantUserCount, long now)
    {
        if (!_pairs.TryGetValue(appId, out var tenants))
        {
            tenants = new Dictionary<string, PairBuckets>(StringComparer.OrdinalIgnoreCase);
            _pairs[appId] = tenants;
        }

        var units = options.ResourceUnitsFor(tenantUserCount);
        var unitWindow = WindowUnits(options, ThrottlingOptions.ResourceUnitWindow);
        if (!tenants.TryGetValue(tenantId, out var pair))
        {
            pair = new PairBuckets(
                new TokenBucket(units, unitWindow, now, "Tenant_Application", "ReadWrite", ThrottleHeaders.ResourceUnitLimitExceeded),
                new TokenBucket(options.WritesPer150Seconds, WindowUnits(options, ThrottlingOptions.WriteWindow), now,
                    "Tenant_Application", "Write", ThrottleHeaders.WriteLimitExceeded));
            tenants[tenantId] = pair;
        }
        else if (pair.ResourceUnits.Capacity != units)
        {
            pair.ResourceUnits.Refill(now);
            pair.ResourceUnits.Resize(units, unitWindow); // the tenant changed size class
        }

        return pair;
    }

    private AppBuckets AppFor(ThrottlingOptions options, string appId, long now)
    {
        if (!_apps.TryGetValue(appId, out var app))
        {
            app = new AppBuckets(
                new TokenBucket(options.AppResourceUnitsPer20Seconds, WindowUnits(options, ThrottlingOptions.AppResourceUnitWindow), now,
                    "Application", "ReadWrite", ThrottleHeaders.ResourceUnitLimitExceeded),
                new TokenBucket(options.AppWritesPer5Minutes, WindowUnits(options, ThrottlingOptions.FiveMinuteWriteWindow), now,
                    "Application", "Write", ThrottleHeaders.WriteLimitExceeded));
            _apps[appId] = app;
        }

        return app;
    }

    private TokenBucket TenantFor(ThrottlingOptions options, string tenantId, long now)
    {
        if (!_tenants.TryGetValue(tenantId, out var tenant))
        {
            tenant = new TokenBucket(options.TenantWritesPer5Minutes, WindowUnits(options, ThrottlingOptions.FiveMinuteWriteWindow), now,
                "Tenant", "Write", ThrottleHeaders.WriteLimitExceeded);
            _tenants[tenantId] = tenant;
        }

        return tenant;
    }

    // A window in TimeProvider timestamp units, shortened by the time scale.
    private double WindowUnits(ThrottlingOptions options, TimeSpan window) =>
        window.TotalSeconds / options.TimeScale * _clock.TimestampFrequency;

    private void ClearState()
    {
        _pairs.Clear();
        _apps.Clear();
        _tenants.Clear();
        Interlocked.Exchange(ref _admitted, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _writeRefusals, 0);
        Interlocked.Exchange(ref _resourceUnitRefusals, 0);
    }

    private sealed record PairBuckets(TokenBucket ResourceUnits, TokenBucket Writes);

    private sealed record AppBuckets(TokenBucket ResourceUnits, TokenBucket Writes);
}
