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

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            return new JsonArray([.. _entries.Values.Select(e => e.DeepClone())]);
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
