namespace GraphEmulator;

/// <summary>
/// An app registration the identity provider knows (POST /_emulator/apps, --apps file). The app's
/// service principal lives in <see cref="TenantId"/>; its application permissions (<see cref="Roles"/>)
/// and directory roles (<see cref="Wids"/>) go into every token it gets.
/// </summary>
internal sealed record AppRegistration
{
    public string? ClientId { get; init; }

    /// <summary>null: the default tenant.</summary>
    public string? TenantId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Never shown by GET /_emulator/apps nor logged.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Public certificates (base64 DER, as in a .cer file) whose keys may sign client assertions.</summary>
    public IReadOnlyList<string>? Certificates { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public IReadOnlyList<string>? Wids { get; init; }

    /// <summary>Access token lifetime; 3600 when absent (Entra's default is 60-90 minutes).</summary>
    public int? TokenLifetimeSeconds { get; init; }
}
