using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GraphEmulator;

/// <summary>
/// Decides which fault, if any, a request gets. Not one shared random sequence: each decision is a hash of
/// (seed, the request's content — group, method, raw target, body — and how many times this emulator has seen
/// that same content before), mapped to [0, 1) and looked up in the rates laid end to end in the order of
/// <see cref="FaultNames"/>. So a run repeats its faults whatever the interleaving of batches in flight, and a
/// retry of the same request (same body) is a new attempt with its own draw.
/// </summary>
internal sealed class FaultInjector(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<UInt128, int> _seen = new();
    private FaultSettings _settings = options.Faults;

    public FaultSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The hits of the settings' fault rules on each user, forgotten whenever the settings are set.</summary>
    public FaultRuleFirings RuleFirings { get; } = new();

    /// <summary>Puts new settings in force and forgets the attempts seen so far.</summary>
    public void Configure(FaultSettings settings)
    {
        Volatile.Write(ref _settings, settings.Validated());
        _seen.Clear();
        RuleFirings.Clear();
    }

    /// <summary>Back to the start-up settings (the command line's, else none).</summary>
    public void Reset() => Configure(options.Faults);

    /// <summary>The request fault (429, 503, 504AfterApply, concurrencyViolation) for one Graph request, or null.</summary>
    public string? DecideRequest(string method, string rawTarget, byte[] body)
    {
        var settings = Settings;
        if (!settings.AnyRate(FaultNames.Request) || !settings.AppliesTo(method))
        {
            return null;
        }

        var fault = Pick(settings, FaultNames.Request, Draw(settings, "request", method, rawTarget, body));

        // A concurrency violation answers concurrent updates of one object: reads never get it.
        return fault == FaultNames.ConcurrencyViolation && !FaultSettings.IsWrite(method) ? null : fault;
    }

    /// <summary>
    /// The connection fault (drop, lostAnswer, hang, malformedBatch) for a request that arrived over HTTP, or
    /// null. <paramref name="methods"/> gives the direct request's method, or every inner method of a batch (only
    /// read when a connection fault is configured: it parses the batch).
    /// </summary>
    public string? DecideConnection(bool isBatch, Func<IReadOnlyCollection<string>> methods, string method, string rawTarget, byte[] body)
    {
        var settings = Settings;
        if (!settings.AnyRate(FaultNames.Connection) || !methods().Any(settings.AppliesTo))
        {
            return null;
        }

        var fault = Pick(settings, FaultNames.Connection, Draw(settings, "connection", method, rawTarget, body));
        return fault == FaultNames.MalformedBatch && !isBatch ? null : fault;
    }

    private static string? Pick(FaultSettings settings, IReadOnlyList<string> group, double draw)
    {
        var upper = 0.0;
        foreach (var fault in group)
        {
            upper += settings.Rate(fault);
            if (draw < upper)
            {
                return fault;
            }
        }

        return null;
    }

    private double Draw(FaultSettings settings, string group, string method, string rawTarget, byte[] body)
    {
        Span<byte> hash = stackalloc byte[32];
        using (var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            content.AppendData(Encoding.UTF8.GetBytes($"{group}\n{method.ToUpperInvariant()}\n{rawTarget}\n"));
            content.AppendData(body);
            content.GetHashAndReset(hash);
        }

        var key = BinaryPrimitives.ReadUInt128LittleEndian(hash);
        var attempt = _seen.AddOrUpdate(key, 0, (_, seen) => seen + 1);

        Span<byte> input = stackalloc byte[8 + 16 + 4];
        BinaryPrimitives.WriteInt64LittleEndian(input, settings.Seed);
        BinaryPrimitives.WriteUInt128LittleEndian(input[8..], key);
        BinaryPrimitives.WriteInt32LittleEndian(input[24..], attempt);
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
