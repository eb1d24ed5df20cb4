namespace GraphEmulator;

/// <summary>Body of POST /_emulator/tokens; every member optional.</summary>
internal sealed record TokenRequest
{
    public string? TenantId { get; init; }

    public string? Audience { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public string? Scp { get; init; }

    public IReadOnlyList<string>? Wids { get; init; }

    /// <summary>May be negative to mint an already expired token.</summary>
    public int? LifetimeSeconds { get; init; }

    public string? Oid { get; init; }

    public string? AppId { get; init; }
}
