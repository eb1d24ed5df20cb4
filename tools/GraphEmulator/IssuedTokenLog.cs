using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Every token request the emulator answered (GET /_emulator/tokens/issued): the IdP's token endpoint
/// and POST /_emulator/tokens ("control"). Lets tests see how often a client really asked for a token
/// (MSAL caches, and renews a token that expires within 5 minutes on every call — toolchain-notes) and
/// whether it sent a claims challenge. Holds neither tokens nor secrets.
/// </summary>
internal sealed class IssuedTokenLog
{
    private const int Capacity = 10_000; // oldest entries are dropped beyond this
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _entries = [];
    private long _sequence;

    /// <summary>Records one answered request; <paramref name="issued"/> is null and <paramref name="error"/> set when it was refused.</summary>
    public void Add(string? tenantId, string? clientId, string? grantType, string? credential, bool claimsParameter, IssuedToken? issued, string? error = null)
    {
        var entry = new JsonObject
        {
            ["sequence"] = Interlocked.Increment(ref _sequence),
            ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["tenantId"] = issued?.TenantId ?? tenantId,
            ["clientId"] = issued?.AppId ?? clientId,
            ["grantType"] = grantType,
            ["credential"] = credential,
            ["claimsParameter"] = claimsParameter,
            ["jti"] = issued?.Jti,
            ["expiresAt"] = issued?.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["error"] = error,
        };
        lock (_gate)
        {
            _entries.Add(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(0);
            }
        }
    }

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            return new JsonArray([.. _entries.OrderBy(e => (long)e["sequence"]!).Select(e => e.DeepClone())]);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
