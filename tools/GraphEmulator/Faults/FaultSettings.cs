using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// What faults to inject, how often, and how they look (set by --faults... on the command line and by
/// POST /_emulator/faults). Immutable; swapped as a whole.
/// </summary>
internal sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    private static readonly HashSet<string> WriteMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PATCH", "PUT", "DELETE" };

    /// <summary>Seed of the decisions (see <see cref="FaultInjector"/>); the same seed and traffic give the same faults.</summary>
    public long Seed { get; init; }

    /// <summary>Probability 0..1 of each fault (<see cref="FaultNames"/>); absent = 0. Each group's rates add up to at most 1.</summary>
    public IReadOnlyDictionary<string, double> Rates { get; init; } = new Dictionary<string, double>();

    /// <summary>Retry-After of injected 429, 503 and 504 answers, in seconds (fractional allowed; Graph's own sample is 2.128).</summary>
    public double RetryAfterSeconds { get; init; } = 0.5;

    /// <summary>How long a hung request is held before the connection is closed (unless the client gives up first).</summary>
    public double HangSeconds { get; init; } = 120;

    /// <summary>Only requests with one of these methods get faults (null: any). A batch matches if one of its inner requests does.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Only writes (POST, PATCH, PUT, DELETE) get faults.</summary>
    public bool WritesOnly { get; init; }

    public PagingMode Paging { get; init; } = PagingMode.Normal;

    /// <summary>Faults aimed at chosen users' requests, tried in order (<see cref="FaultRule"/>); none by default.</summary>
    public IReadOnlyList<FaultRule> Rules { get; init; } = [];

    public double Rate(string fault) => Rates.GetValueOrDefault(fault);

    public bool AnyRate(IReadOnlyList<string> group) => group.Any(f => Rate(f) > 0);

    /// <summary>Whether faults may hit a request with this method (the methods / writes-only filter).</summary>
    public bool AppliesTo(string method) =>
        (Methods is null || Methods.Contains(method, StringComparer.OrdinalIgnoreCase)) && (!WritesOnly || IsWrite(method));

    public static bool IsWrite(string method) => WriteMethods.Contains(method);

    /// <summary>Throws <see cref="ArgumentException"/> with a message fit for a 400 or the command line.</summary>
    public FaultSettings Validated()
    {
        foreach (var (name, rate) in Rates)
        {
            if (!FaultNames.All.Contains(name))
            {
                throw new ArgumentException($"Unknown fault '{name}'. Known: {string.Join(", ", FaultNames.All)}.");
            }

            if (!double.IsFinite(rate) || rate is < 0 or > 1)
            {
                throw new ArgumentException($"The rate of '{name}' must be from 0 to 1, got {rate.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        foreach (var (group, names) in new[] { ("request", FaultNames.Request), ("connection", FaultNames.Connection) })
        {
            if (names.Sum(Rate) > 1 + 1e-9)
            {
                throw new ArgumentException($"The {group} fault rates ({string.Join(", ", names)}) add up to more than 1.");
            }
        }

        if (!double.IsFinite(RetryAfterSeconds) || RetryAfterSeconds < 0 || !double.IsFinite(HangSeconds) || HangSeconds < 0)
        {
            throw new ArgumentException("retryAfterSeconds and hangSeconds must be numbers >= 0.");
        }

        return this;
    }

    public JsonObject ToJson() => new()
    {
        ["seed"] = Seed,
        ["rates"] = new JsonObject(FaultNames.All.Select(f => KeyValuePair.Create(f, (JsonNode?)Rate(f)))),
        ["retryAfterSeconds"] = RetryAfterSeconds,
        ["hangSeconds"] = HangSeconds,
        ["methods"] = Methods is null ? null : new JsonArray([.. Methods.Select(m => (JsonNode)m)]),
        ["writesOnly"] = WritesOnly,
        ["paging"] = JsonNamingPolicy.CamelCase.ConvertName(Paging.ToString()),
        ["rules"] = new JsonArray([.. Rules.Select(r => (JsonNode)r.ToJson())]),
    };

    /// <summary>
    /// From the body of POST /_emulator/faults: every member optional, absent ones take their defaults (so a POST
    /// replaces the whole set). Throws <see cref="ArgumentException"/> for anything unusable.
    /// </summary>
    public static FaultSettings FromJson(JsonObject json)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "seed", "rates", "retryAfterSeconds", "hangSeconds", "methods", "writesOnly", "paging", "rules" };
        if (json.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown member '{unknown}'. Known: {string.Join(", ", known)}.");
        }

        try
        {
            var rates = new Dictionary<string, double>(StringComparer.Ordinal);
            if (json["rates"] is JsonObject given)
            {
                foreach (var (name, value) in given)
                {
                    rates[name] = value?.GetValue<double>() ?? 0;
                }
            }
            else if (json["rates"] is not null)
            {
                throw new ArgumentException("\"rates\" must be an object of fault name to rate, e.g. {\"429\":0.05}.");
            }

            return new FaultSettings
            {
                Seed = json["seed"]?.GetValue<long>() ?? 0,
                Rates = rates,
                RetryAfterSeconds = json["retryAfterSeconds"]?.GetValue<double>() ?? None.RetryAfterSeconds,
                HangSeconds = json["hangSeconds"]?.GetValue<double>() ?? None.HangSeconds,
                Methods = json["methods"] is JsonArray methods ? [.. methods.Select(m => m!.GetValue<string>().ToUpperInvariant())] : null,
                WritesOnly = json["writesOnly"]?.GetValue<bool>() ?? false,
                Paging = ParsePaging(json["paging"]?.GetValue<string>()),
                Rules = FaultRule.ParseAll(json["rules"]),
            }.Validated();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new ArgumentException($"Invalid fault settings: {ex.Message}");
        }
    }

    /// <summary>"429=0.05,503=0.02,drop=0.01" (the --faults option).</summary>
    public static Dictionary<string, double> ParseRates(string text)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                throw new ArgumentException($"'{part}' is not name=rate (e.g. 429=0.05).");
            }

            rates[part[..eq].Trim()] = rate;
        }

        return rates;
    }

    public static PagingMode ParsePaging(string? text) => text?.ToUpperInvariant() switch
    {
        null or "NORMAL" => PagingMode.Normal,
        "REPEAT" => PagingMode.Repeat,
        "ENDLESS" => PagingMode.Endless,
        _ => throw new ArgumentException($"paging must be normal, repeat or endless, got '{text}'."),
    };
}
