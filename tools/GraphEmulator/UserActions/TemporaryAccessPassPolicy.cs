using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The tenant's Temporary Access Pass policy (revoke-and-tap-facts §3, Graph's
/// temporaryAccessPassAuthenticationMethodConfiguration), as emulator configuration: set by POST /_emulator/tapPolicy,
/// put back to these defaults by DELETE and by /_emulator/reset. Property names and defaults are Graph's (E1 table,
/// D8 example). Immutable; swapped as a whole.
/// </summary>
internal sealed record TemporaryAccessPassPolicy
{
    /// <summary>Graph's range for every lifetime: 10 minutes to 30 days (D6, D7).</summary>
    public const int MinimumAllowedMinutes = 10;

    public const int MaximumAllowedMinutes = 43_200;

    public static readonly TemporaryAccessPassPolicy Default = new();

    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "state", "defaultLifetimeInMinutes", "minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "isUsableOnce", "defaultLength",
    };

    /// <summary>"enabled" or "disabled". Whether a tenant's policy is enabled by default is not documented; enabled here.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Lifetime of a pass created without lifetimeInMinutes (E1: 1 hour).</summary>
    public int DefaultLifetimeInMinutes { get; init; } = 60;

    /// <summary>E1: 1 hour.</summary>
    public int MinimumLifetimeInMinutes { get; init; } = 60;

    /// <summary>E1: 8 hours.</summary>
    public int MaximumLifetimeInMinutes { get; init; } = 480;

    /// <summary>True: every pass is one-time use (a multi-use pass is refused); false: either (E1: false).</summary>
    public bool IsUsableOnce { get; init; }

    /// <summary>Length of the code, 8–48 (E1: 8).</summary>
    public int DefaultLength { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> with a message fit for a 400.</summary>
    public TemporaryAccessPassPolicy Validated()
    {
        foreach (var (name, minutes) in new[]
        {
            ("defaultLifetimeInMinutes", DefaultLifetimeInMinutes), ("minimumLifetimeInMinutes", MinimumLifetimeInMinutes),
            ("maximumLifetimeInMinutes", MaximumLifetimeInMinutes),
        })
        {
            if (minutes is < MinimumAllowedMinutes or > MaximumAllowedMinutes)
            {
                throw new ArgumentException($"{name} must be from {MinimumAllowedMinutes} to {MaximumAllowedMinutes}, got {minutes}.");
            }
        }

        // D7: the default lifetime lies between the minimum and the maximum.
        if (MinimumLifetimeInMinutes > MaximumLifetimeInMinutes ||
            DefaultLifetimeInMinutes < MinimumLifetimeInMinutes || DefaultLifetimeInMinutes > MaximumLifetimeInMinutes)
        {
            throw new ArgumentException("minimumLifetimeInMinutes <= defaultLifetimeInMinutes <= maximumLifetimeInMinutes must hold.");
        }

        return DefaultLength is >= 8 and <= 48 ? this : throw new ArgumentException($"defaultLength must be from 8 to 48, got {DefaultLength}.");
    }

    public JsonObject ToJson() => new()
    {
        ["state"] = Enabled ? "enabled" : "disabled",
        ["defaultLifetimeInMinutes"] = DefaultLifetimeInMinutes,
        ["minimumLifetimeInMinutes"] = MinimumLifetimeInMinutes,
        ["maximumLifetimeInMinutes"] = MaximumLifetimeInMinutes,
        ["isUsableOnce"] = IsUsableOnce,
        ["defaultLength"] = DefaultLength,
    };

    /// <summary>From the body of POST /_emulator/tapPolicy: every member optional, absent ones take Graph's defaults.</summary>
    public static TemporaryAccessPassPolicy FromJson(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !Members.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown member '{unknown}'. Known: {string.Join(", ", Members)}.");
        }

        try
        {
            var state = json["state"]?.GetValue<string>() ?? "enabled";
            if (state is not ("enabled" or "disabled"))
            {
                throw new ArgumentException($"state must be \"enabled\" or \"disabled\", got '{state}'.");
            }

            return new TemporaryAccessPassPolicy
            {
                Enabled = state == "enabled",
                DefaultLifetimeInMinutes = json["defaultLifetimeInMinutes"]?.GetValue<int>() ?? Default.DefaultLifetimeInMinutes,
                MinimumLifetimeInMinutes = json["minimumLifetimeInMinutes"]?.GetValue<int>() ?? Default.MinimumLifetimeInMinutes,
                MaximumLifetimeInMinutes = json["maximumLifetimeInMinutes"]?.GetValue<int>() ?? Default.MaximumLifetimeInMinutes,
                IsUsableOnce = json["isUsableOnce"]?.GetValue<bool>() ?? Default.IsUsableOnce,
                DefaultLength = json["defaultLength"]?.GetValue<int>() ?? Default.DefaultLength,
            }.Validated();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"Invalid Temporary Access Pass policy: {ex.Message}");
        }
    }
}

/// <summary>The policy in force (shared by every tenant, like /_emulator/settings); /_emulator/reset puts the default back.</summary>
internal sealed class TemporaryAccessPassPolicyStore
{
    private TemporaryAccessPassPolicy _current = TemporaryAccessPassPolicy.Default;

    public TemporaryAccessPassPolicy Current => Volatile.Read(ref _current);

    public void Configure(TemporaryAccessPassPolicy policy) => Volatile.Write(ref _current, policy.Validated());

    public void Reset() => Configure(TemporaryAccessPassPolicy.Default);
}
