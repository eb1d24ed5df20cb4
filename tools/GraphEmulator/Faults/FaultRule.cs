using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// A fault aimed at chosen users' requests (POST /_emulator/faults "rules"), for tests that need a failure on exactly
/// those users — a revocation refused or unavailable for some, a lost answer after a pass was created — rather than at
/// a rate. Unlike rated faults, rules ignore the settings' methods / writesOnly filters: each rule names its own.
/// </summary>
/// <param name="Fault">A request fault (403, 429, 503, 504AfterApply, concurrencyViolation: that request alone) or a
/// connection fault (lostAnswer, drop: the direct request, or the whole batch holding a matching inner request).</param>
/// <param name="Method">HTTP method to match, upper case; null: any.</param>
/// <param name="Operation">"user" (/users/{key}), "revokeSignInSessions" or "temporaryAccessPassMethods" (the collection and
/// one pass); null: any of them.</param>
/// <param name="Users">Keys (object ids or userPrincipalNames, any case) of the users hit; null: every user.</param>
/// <param name="Times">How often the rule hits each user before it lets that user's requests through; null: always.</param>
internal sealed record FaultRule(string Fault, string? Method, string? Operation, IReadOnlySet<string>? Users, int? Times)
{
    /// <summary>403 Authorization_RequestDenied, as Graph refuses a caller (graph-facts §1).</summary>
    public const string Forbidden = "403";

    public static readonly IReadOnlyList<string> RequestFaults =
        [Forbidden, FaultNames.TooManyRequests, FaultNames.ServiceUnavailable, FaultNames.GatewayTimeoutAfterApply, FaultNames.ConcurrencyViolation];

    public static readonly IReadOnlyList<string> ConnectionFaults = [FaultNames.LostAnswer, FaultNames.Drop];

    private static readonly string[] Operations = ["user", "revokeSignInSessions", "temporaryAccessPassMethods"];
    private static readonly string[] Methods = ["GET", "POST", "PATCH", "PUT", "DELETE"];
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal) { "fault", "method", "operation", "users", "times" };

    public bool IsConnectionFault => ConnectionFaults.Contains(Fault);

    /// <summary>The operation name of a route, or null for routes no rule can aim at (lists, $count, $batch, invalid).</summary>
    public static string? OperationOf(GraphRouteKind kind) => kind switch
    {
        GraphRouteKind.User => "user",
        GraphRouteKind.RevokeSignInSessions => "revokeSignInSessions",
        GraphRouteKind.TemporaryAccessPassMethods or GraphRouteKind.TemporaryAccessPassMethod => "temporaryAccessPassMethods",
        _ => null,
    };

    /// <summary>Whether the rule aims at this request: method, operation, and the user by key, id or userPrincipalName.</summary>
    public bool Matches(string method, string operation, string key, string? id, string? userPrincipalName) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase)) &&
        (Operation is null || Operation.Equals(operation, StringComparison.OrdinalIgnoreCase)) &&
        (Users is null || Users.Contains(key) || (id is not null && Users.Contains(id)) ||
            (userPrincipalName is not null && Users.Contains(userPrincipalName)));

    public JsonObject ToJson() => new()
    {
        ["fault"] = Fault,
        ["method"] = Method,
        ["operation"] = Operation,
        ["users"] = Users is null ? null : new JsonArray([.. Users.Order(StringComparer.OrdinalIgnoreCase).Select(u => (JsonNode)u)]),
        ["times"] = Times,
    };

    /// <summary>The "rules" member: absent or null = none. Throws <see cref="ArgumentException"/> for anything unusable.</summary>
    public static IReadOnlyList<FaultRule> ParseAll(JsonNode? rules) => rules switch
    {
        null => [],
        JsonArray items => [.. items.Select((item, i) => Parse(item as JsonObject ?? throw new ArgumentException($"rules[{i}] must be an object."), i))],
        _ => throw new ArgumentException("\"rules\" must be an array of {\"fault\",\"method\",\"operation\",\"users\",\"times\"}."),
    };

    private static FaultRule Parse(JsonObject rule, int index)
    {
        if (rule.Select(p => p.Key).FirstOrDefault(k => !Members.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"rules[{index}]: unknown member '{unknown}'. Known: {string.Join(", ", Members)}.");
        }

        var fault = rule["fault"]?.ToString(); // "503" or 503
        if (fault is null || !RequestFaults.Concat(ConnectionFaults).Contains(fault))
        {
            throw new ArgumentException($"rules[{index}].fault must be one of {string.Join(", ", RequestFaults.Concat(ConnectionFaults))}.");
        }

        var method = rule["method"]?.GetValue<string>().ToUpperInvariant();
        if (method is not null && !Methods.Contains(method))
        {
            throw new ArgumentException($"rules[{index}].method must be one of {string.Join(", ", Methods)} (or absent: any).");
        }

        var operation = rule["operation"]?.GetValue<string>();
        operation = operation is null ? null : Operations.FirstOrDefault(o => o.Equals(operation, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"rules[{index}].operation must be one of {string.Join(", ", Operations)} (or absent: any).");

        HashSet<string>? users = null;
        if (rule["users"] is JsonArray keys)
        {
            users = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in keys.Select(k => k?.GetValue<string>()))
            {
                users.Add(string.IsNullOrWhiteSpace(key) ? throw new ArgumentException($"rules[{index}].users holds an empty key.") : key);
            }
        }
        else if (rule["users"] is not null)
        {
            throw new ArgumentException($"rules[{index}].users must be an array of user ids or userPrincipalNames (or absent: every user).");
        }

        var times = rule["times"]?.GetValue<int>();
        return times is < 1
            ? throw new ArgumentException($"rules[{index}].times must be at least 1 (or absent: always).")
            : new FaultRule(fault, method, operation, users, times);
    }
}
