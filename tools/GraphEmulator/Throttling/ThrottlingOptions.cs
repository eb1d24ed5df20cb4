namespace GraphEmulator;

/// <summary>
/// Limits of the identity-and-access throttling model (graph-facts.md §6, Microsoft's throttling-limits page).
/// Every limit is a token bucket: it starts full (the burst) and refills continuously at limit ÷ window.
/// Immutable; swap a whole set at run time with <see cref="GraphThrottle.Configure"/>.
/// </summary>
internal sealed record ThrottlingOptions
{
    /// <summary>Window of the app+tenant resource-unit limit (§6: per 10 s).</summary>
    public static readonly TimeSpan ResourceUnitWindow = TimeSpan.FromSeconds(10);

    /// <summary>Window of the app+tenant write limit (§6: per 2 min 30 s).</summary>
    public static readonly TimeSpan WriteWindow = TimeSpan.FromSeconds(150);

    /// <summary>Window of the per-app resource-unit limit (§6: per 20 s).</summary>
    public static readonly TimeSpan AppResourceUnitWindow = TimeSpan.FromSeconds(20);

    /// <summary>Window of the per-app and per-tenant write limits (§6: per 5 min).</summary>
    public static readonly TimeSpan FiveMinuteWriteWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// False (default): <see cref="GraphThrottle.Admit"/> always allows and only <c>x-ms-resource-unit</c> is
    /// sent, so tests that do not ask for throttling never see it.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// Compresses time: every window is <c>TimeScale</c> times shorter, the bucket sizes stay (time scale 5:
    /// 3,000 writes per 30 s, 100 writes/s sustained). Must be &gt; 0; default 1 (Graph's real windows).
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>
    /// App+tenant resource units per 10 s. Null (default): by tenant size as §6 says, see
    /// <see cref="ResourceUnitsForTenantSize"/>.
    /// </summary>
    public int? ResourceUnitsPer10Seconds { get; init; }

    /// <summary>App+tenant writes per 150 s (§6: 3,000).</summary>
    public int WritesPer150Seconds { get; init; } = 3000;

    /// <summary>Per app, across tenants: resource units per 20 s (§6: 150,000).</summary>
    public int AppResourceUnitsPer20Seconds { get; init; } = 150000;

    /// <summary>Per app, across tenants: writes per 5 min (§6: 35,000).</summary>
    public int AppWritesPer5Minutes { get; init; } = 35000;

    /// <summary>Per tenant, across apps: writes per 5 min (§6: 18,000).</summary>
    public int TenantWritesPer5Minutes { get; init; } = 18000;

    /// <summary>Small tenant (&lt; 50 users): 3,500 RU per 10 s (§6).</summary>
    public const int SmallTenantResourceUnits = 3500;

    /// <summary>Medium tenant (50–500 users): 5,000 RU per 10 s (§6).</summary>
    public const int MediumTenantResourceUnits = 5000;

    /// <summary>Large tenant (&gt; 500 users): 8,000 RU per 10 s (§6).</summary>
    public const int LargeTenantResourceUnits = 8000;

    /// <summary>§6 tenant sizes: S under 50 users, M 50 to 500, L over 500.</summary>
    public static int ResourceUnitsForTenantSize(int tenantUserCount) => tenantUserCount switch
    {
        < 50 => SmallTenantResourceUnits,
        <= 500 => MediumTenantResourceUnits,
        _ => LargeTenantResourceUnits,
    };

    /// <summary>The app+tenant resource units per 10 s that apply to a tenant of this many users.</summary>
    public int ResourceUnitsFor(int tenantUserCount) =>
        ResourceUnitsPer10Seconds ?? ResourceUnitsForTenantSize(tenantUserCount);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the time scale is a finite number &gt; 0
    /// and every limit is at least 1.</summary>
    public void Validate()
    {
        if (!double.IsFinite(TimeScale) || TimeScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeScale), TimeScale, "The time scale must be a number > 0.");
        }

        AtLeastOne(ResourceUnitsPer10Seconds ?? 1, nameof(ResourceUnitsPer10Seconds));
        AtLeastOne(WritesPer150Seconds, nameof(WritesPer150Seconds));
        AtLeastOne(AppResourceUnitsPer20Seconds, nameof(AppResourceUnitsPer20Seconds));
        AtLeastOne(AppWritesPer5Minutes, nameof(AppWritesPer5Minutes));
        AtLeastOne(TenantWritesPer5Minutes, nameof(TenantWritesPer5Minutes));
    }

    private static void AtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "A throttling limit must be at least 1.");
        }
    }
}
