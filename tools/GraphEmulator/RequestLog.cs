using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The /v1.0 requests received (direct, /$batch and each inner request), for tests to inspect via
/// /_emulator/requests. Entries are ordered by arrival (sequence) even when concurrent requests finish out of
/// order. Never holds a token or password. Each entry is kept serialized (UTF-8 JSON), so a log of 200,000
/// entries stays compact and a snapshot is a copy of references under the lock, written out after it.
/// </summary>
internal sealed class RequestLog(EmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Entry> _entries = [];
    private long _sequence;

    /// <summary>Oldest entries are dropped beyond this many (--request-log-capacity).</summary>
    public int Capacity { get; } = options.RequestLogCapacity;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(long sequence, string tenantId, string method, JsonObject entry)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, JsonResponse.SerializerOptions);
        lock (_gate)
        {
            _entries[sequence] = new Entry(tenantId, method, json);
            while (_entries.Count > Capacity)
            {
                _entries.Remove(_entries.Keys.First());
            }
        }
    }

    /// <summary>The entries of one tenant (null: all), optionally of one method and after a sequence number, in order.</summary>
    public List<byte[]> Select(string? tenantId, string? method = null, long after = 0)
    {
        lock (_gate)
        {
            var selected = new List<byte[]>();
            foreach (var (sequence, entry) in _entries)
            {
                if (sequence > after && Belongs(entry, tenantId) &&
                    (method is null || string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    selected.Add(entry.Json);
                }
            }

            return selected;
        }
    }

    /// <summary>Parsed entries (for in-process callers and tests); HTTP callers get <see cref="WriteAsync"/>.</summary>
    public JsonArray Snapshot(string? tenantId = null) =>
        new([.. Select(tenantId).Select(json => JsonNode.Parse(json))]);

    /// <summary>Writes a JSON array of the given serialized entries without re-serializing them.</summary>
    public static async Task WriteAsync(HttpContext context, List<byte[]> entries)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonResponse.ContentType;
        var writer = context.Response.BodyWriter;
        writer.Write("["u8);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(","u8);
            }

            writer.Write(entries[i]);
            if (writer.UnflushedBytes > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.Write("]"u8);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
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

    private static bool Belongs(Entry entry, string? tenantId) =>
        tenantId is null || string.Equals(entry.TenantId, tenantId, StringComparison.OrdinalIgnoreCase);

    private sealed record Entry(string TenantId, string Method, byte[] Json);
}
