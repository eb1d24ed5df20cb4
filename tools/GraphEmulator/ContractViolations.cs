using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Contract violations found by <see cref="ContractCheckMiddleware"/>, in memory, in order. Read by
/// GET /_emulator/contract/violations, cleared by DELETE (not by /_emulator/reset, so a whole test run
/// can be checked at its end). Bounded so a long run cannot grow without limit.
/// </summary>
internal sealed class ContractViolations
{
    private const int MaxEntries = 10_000;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _entries = [];

    public void Add(long sequence, string method, string path, string side, string message)
    {
        lock (_gate)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add(new JsonObject
            {
                ["sequence"] = sequence,
                ["method"] = method,
                ["path"] = path,
                ["side"] = side,
                ["message"] = message,
            });
        }
    }

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            return new JsonArray([.. _entries.Select(e => (JsonNode)e.DeepClone())]);
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
