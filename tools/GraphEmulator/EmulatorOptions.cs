namespace GraphEmulator;

/// <summary>Start-up configuration of one emulator instance (command line or tests).</summary>
internal sealed record EmulatorOptions
{
    /// <summary>Banned passwords used when none are given (case-insensitive exact match).</summary>
    public static readonly IReadOnlyList<string> DefaultBannedPasswords =
        ["Password123!", "P@ssw0rd123", "Welcome123!", "Contoso123!", "Summer2026!"];

    public const string DefaultDomain = "M365x214355.onmicrosoft.com";

    /// <summary>TCP port on 127.0.0.1; 0 lets the OS pick.</summary>
    public int Port { get; init; } = 5080;

    public required string UsersPath { get; init; }

    public required string RolesPath { get; init; }

    /// <summary>The property table (shared/graph-contract/user-properties.v1.0.json) the EDM model and checks come from.</summary>
    public required string PropertiesPath { get; init; }

    /// <summary>
    /// The OpenAPI contract (shared/graph-contract/users-v1.0.openapi.yaml) every /v1.0 exchange is
    /// checked against; null turns the contract checks off.
    /// </summary>
    public string? OpenApiPath { get; init; }

    public int SyntheticUsers { get; init; }

    public IReadOnlyList<string> BannedPasswords { get; init; } = DefaultBannedPasswords;

    public bool PasswordWriteback { get; init; } = true;

    public string Domain { get; init; } = DefaultDomain;

    /// <summary>Domains treated as federated: PATCH passwordProfile on their users is 400 (graph-facts §1).</summary>
    public IReadOnlyList<string> FederatedDomains { get; init; } = [];

    /// <summary>
    /// TLS certificate (with private key) for HTTPS; null keeps plain http. Azure.Identity only talks to an
    /// identity provider over HTTPS (toolchain-notes), so tests of the IdP endpoints need one.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? HttpsCertificate { get; init; }

    /// <summary>How many entries the request log keeps (--request-log-capacity); the oldest are dropped beyond it.</summary>
    public int RequestLogCapacity { get; init; } = 200_000;

    /// <summary>Faults injected from the start (--faults, --fault-*, --paging); /_emulator/reset returns to these.</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Latency from the start (--latency-ms, --latency-jitter-ms); /_emulator/reset returns to it.</summary>
    public LatencySettings Latency { get; init; } = LatencySettings.None;

    /// <summary>Throttling model limits from the start (--throttling, --time-scale, --throttle-*); /_emulator/reset returns to them.</summary>
    public ThrottlingOptions Throttling { get; init; } = new();

    /// <summary>App registrations known from the start (--apps); they survive /_emulator/reset.</summary>
    public IReadOnlyList<AppRegistration> Apps { get; init; } = [];

    /// <summary>Options with the contract files found by the default search (used by tests).</summary>
    public static EmulatorOptions WithDefaultFiles(int port = 0, int syntheticUsers = 0) => new()
    {
        Port = port,
        SyntheticUsers = syntheticUsers,
        UsersPath = ContractFileLocator.Find(ContractFileLocator.UsersFile),
        RolesPath = ContractFileLocator.Find(ContractFileLocator.RolesFile),
        PropertiesPath = ContractFileLocator.Find(ContractFileLocator.PropertiesFile),
        OpenApiPath = ContractFileLocator.Find(ContractFileLocator.OpenApiFile),
    };
}
