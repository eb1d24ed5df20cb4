namespace GraphEmulator;

/// <summary>
/// One limit of the model: holds up to <see cref="Capacity"/> tokens, starts full and refills continuously at
/// capacity ÷ window. Not thread-safe: <see cref="GraphThrottle"/> guards every bucket with its lock.
/// Time is in <see cref="TimeProvider.GetTimestamp"/> units.
/// </summary>
internal sealed class TokenBucket
{
    // Refills are computed as elapsed × capacity ÷ window, so whole seconds give whole tokens; the tolerance
    // only absorbs rounding of fractional refills (a token is never handed out more than 1e-9 early).
    private const double Tolerance = 1e-9;

    // Weight of the latest decision in RefusedShare: about the last 32 decisions this bucket limited.
    private const double ShareWeight = 1.0 / 32;

    private readonly string _scope;
    private readonly string _limit;
    private double _windowTimestampUnits;
    private double _tokens;
    private long _lastRefill;

    /// <param name="capacity">Limit per window, also the burst.</param>
    /// <param name="windowTimestampUnits">Window, already shortened by the time scale, in timestamp units.</param>
    /// <param name="now">Current timestamp: the bucket is full at this moment.</param>
    /// <param name="scope">§6 scope name: <c>Tenant_Application</c>, <c>Application</c> or <c>Tenant</c>.</param>
    /// <param name="limit">§6 limit name: <c>ReadWrite</c> (resource units) or <c>Write</c>.</param>
    /// <param name="information">The <c>x-ms-throttle-information</c> sent when this bucket refuses.</param>
    public TokenBucket(int capacity, double windowTimestampUnits, long now, string scope, string limit, string information)
    {
        Capacity = capacity;
        _windowTimestampUnits = windowTimestampUnits;
        _tokens = capacity;
        _lastRefill = now;
        _scope = scope;
        _limit = limit;
        Information = information;
    }

    /// <summary>Most tokens the bucket holds (the burst); the limit per window.</summary>
    public int Capacity { get; private set; }

    /// <summary>
    /// The <c>x-ms-throttle-scope</c> sent when this bucket refuses a request of this app for this tenant:
    /// §6 <c>&lt;Scope&gt;/&lt;Limit&gt;/&lt;ApplicationId&gt;/&lt;TenantId&gt;</c> (built only on a refusal).
    /// </summary>
    public string ScopeFor(string appId, string tenantId) => $"{_scope}/{_limit}/{appId}/{tenantId}";

    /// <summary>The <c>x-ms-throttle-information</c> sent when this bucket refuses.</summary>
    public string Information { get; }

    /// <summary>Fraction 0..1 used: 1 − tokens ÷ capacity.</summary>
    public double Used => 1 - (_tokens / Capacity);

    /// <summary>Recent share of requests this bucket refused (exponentially weighted), 0..1.</summary>
    public double RefusedShare { get; private set; }

    /// <summary>Adds the tokens earned since the last refill; a full bucket forgets its refusals.</summary>
    public void Refill(long now)
    {
        var elapsed = now - _lastRefill;
        if (elapsed <= 0)
        {
            return;
        }

        _lastRefill = now;
        _tokens = Math.Min(Capacity, _tokens + (elapsed * (double)Capacity / _windowTimestampUnits));
        if (_tokens >= Capacity)
        {
            RefusedShare = 0;
        }
    }

    /// <summary>
    /// Changes the limit (a tenant that grew from S to M), keeping the tokens already used. Call after
    /// <see cref="Refill"/>.
    /// </summary>
    public void Resize(int capacity, double windowTimestampUnits)
    {
        _tokens = Math.Clamp(_tokens + capacity - Capacity, 0, capacity);
        Capacity = capacity;
        _windowTimestampUnits = windowTimestampUnits;
    }

    /// <summary>True when the bucket holds enough tokens for <paramref name="cost"/>.</summary>
    public bool CanTake(int cost) => _tokens + Tolerance >= Need(cost);

    /// <summary>Timestamp units until the bucket holds enough tokens for <paramref name="cost"/>; 0 if it does.</summary>
    public double TimeUntil(int cost) =>
        Math.Max(0, (Need(cost) - _tokens) * _windowTimestampUnits / Capacity);

    /// <summary>Takes the tokens for <paramref name="cost"/>; call only after <see cref="CanTake"/>.</summary>
    public void Take(int cost)
    {
        _tokens = Math.Max(0, _tokens - Need(cost));
        RefusedShare *= 1 - ShareWeight;
    }

    /// <summary>Records that this bucket refused a request (no tokens taken).</summary>
    public void RecordRefusal() => RefusedShare = (RefusedShare * (1 - ShareWeight)) + ShareWeight;

    // A request dearer than the whole bucket (only possible with tiny configured limits) waits for a full
    // bucket and empties it, rather than never passing.
    private int Need(int cost) => Math.Min(cost, Capacity);
}
