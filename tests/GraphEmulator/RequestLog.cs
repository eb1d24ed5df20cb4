using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The /v1.0 requests received, for tests to inspect via /_emulator/requests. Entries are ordered by
/// arrival (sequence) even when concurrent requests finish out of order. Never holds a token or password.
/// </summary>
internal sealed class RequestLog
{
    private const int Capacity = 10_000; // oldest entries are dropped beyond this
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, JsonObject> _entries = [];
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(long sequence, JsonObject entry)
    {
        lock (_gate)
        {
            _entries[sequence] = entry;
            while (_entries.Count > Capacity)
            {
                _entries.Remove(_entries.Keys.First());
            }
        }
    }

    /// <summary>All entries, or only those of one tenant (entries carry "tenantId").</summary>
    public JsonArray Snapshot(string? tenantId = null)
    {
        lock (_gate)
        {
            return new JsonArray([.. _entries.Values.Where(e => Belongs(e, tenantId)).Select(e => e.DeepClone())]);
        }
    }

    /// <summary>Clears all entries, or only those of one tenant.</summary>
    public void Clear(string? tenantId = null)
    {
        lock (_gate)
        {
            if (tenantId is null)
            {
                _entries.Clear();
                return;
            }

            foreach (var key in _entries.Where(e => Belongs(e.Value, tenantId)).Select(e => e.Key).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private static bool Belongs(JsonObject entry, string? tenantId) =>
        tenantId is null || string.Equals((string?)entry["tenantId"], tenantId, StringComparison.OrdinalIgnoreCase);
}
