namespace GraphEmulator;

/// <summary>
/// The faults the emulator can inject (the names used by /_emulator/faults, --faults and the request log's
/// "fault" field). Request faults are decided per Graph request (direct or inner); connection faults per
/// request that arrives over HTTP (a direct request or a whole batch).
/// </summary>
internal static class FaultNames
{
    /// <summary>429 TooManyRequests with Retry-After, before applying (graph-facts §6).</summary>
    public const string TooManyRequests = "429";

    /// <summary>503 Service Unavailable with Retry-After, before applying (graph-facts §6).</summary>
    public const string ServiceUnavailable = "503";

    /// <summary>The request is applied, then answered 504 Gateway Timeout (graph-facts §6: 504 may come with 503).</summary>
    public const string GatewayTimeoutAfterApply = "504AfterApply";

    /// <summary>400 Directory_ConcurrencyViolation before applying; writes only (graph-facts §6).</summary>
    public const string ConcurrencyViolation = "concurrencyViolation";

    /// <summary>The connection is closed before anything is applied.</summary>
    public const string Drop = "drop";

    /// <summary>Everything is applied (a direct request, or every inner request of a batch), then the connection is closed.</summary>
    public const string LostAnswer = "lostAnswer";

    /// <summary>No answer for <see cref="FaultSettings.HangSeconds"/> (or until the client gives up), then the connection is closed; nothing applied.</summary>
    public const string Hang = "hang";

    /// <summary>Batches only: the inner requests are applied, then the outer 200 carries a truncated (invalid) JSON body.</summary>
    public const string MalformedBatch = "malformedBatch";

    /// <summary>Log value for a GET /users page served in <see cref="PagingMode.Repeat"/> (not a rate: set by "paging").</summary>
    public const string PagingRepeat = "pagingRepeat";

    /// <summary>Log value for a GET /users page served in <see cref="PagingMode.Endless"/>.</summary>
    public const string PagingEndless = "pagingEndless";

    /// <summary>Decided per Graph request (direct or inner), in this order of the unit interval.</summary>
    public static readonly IReadOnlyList<string> Request = [TooManyRequests, ServiceUnavailable, GatewayTimeoutAfterApply, ConcurrencyViolation];

    /// <summary>Decided per request that arrives over HTTP (direct or a whole batch), in this order of the unit interval.</summary>
    public static readonly IReadOnlyList<string> Connection = [Drop, LostAnswer, Hang, MalformedBatch];

    public static IEnumerable<string> All => Request.Concat(Connection);
}
