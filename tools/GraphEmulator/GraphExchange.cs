namespace GraphEmulator;

/// <summary>Which kind of exchange a Graph request is; stages of <see cref="GraphRequestPipeline"/> apply to some kinds only.</summary>
internal enum ExchangeKind
{
    /// <summary>A /v1.0 request received over HTTP (not /$batch).</summary>
    Direct,

    /// <summary>The POST /v1.0/$batch container itself.</summary>
    Batch,

    /// <summary>One request inside a /$batch, run on a synthetic context (<see cref="InnerRequest"/>).</summary>
    Inner,
}

/// <summary>The outer batch an inner request belongs to: the outer entry's log sequence and the inner request's id.</summary>
internal sealed record BatchLink(long BatchSequence, string RequestId)
{
    private const string ItemKey = "GraphEmulator.BatchLink";

    public static BatchLink? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as BatchLink : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}

/// <summary>
/// What the pipeline knows about one Graph request, kept on HttpContext.Items: made by
/// <see cref="RequestRecorder"/> from the raw target and the buffered body, read by every later stage,
/// and written to the request log once the request is answered.
/// </summary>
internal sealed class GraphExchange
{
    private const string ItemKey = "GraphEmulator.Exchange";

    public required ExchangeKind Kind { get; init; }

    /// <summary>The request-log sequence number (arrival order).</summary>
    public required long Sequence { get; init; }

    /// <summary>The request target exactly as received (percent-encoding intact), e.g. /v1.0/users/a%40b?$select=id.</summary>
    public required string RawTarget { get; init; }

    public required GraphRoute Route { get; init; }

    /// <summary>The request body, buffered once (handlers, checks and the log all need it).</summary>
    public required byte[] Body { get; init; }

    public BatchLink? Batch { get; init; }

    /// <summary>The fault injected into this exchange (<see cref="FaultNames"/>), null if none.</summary>
    public string? Fault { get; set; }

    /// <summary>True when the connection was closed before the emulator produced any answer (drop, hang).</summary>
    public bool Unanswered { get; set; }

    /// <summary>
    /// Close the connection instead of answering (drop, hang, lostAnswer). Done by <see cref="RequestRecorder"/> once the
    /// log entry is written, so a client that sees the connection close finds the request in the log.
    /// </summary>
    public bool CloseConnection { get; set; }

    public static GraphExchange Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is GraphExchange exchange
            ? exchange
            : throw new InvalidOperationException("No Graph exchange: the request did not go through the pipeline.");

    public static GraphExchange? Find(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as GraphExchange : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The raw path without query (and without a fragment, which never reaches a server).</summary>
    public string RawPath
    {
        get
        {
            var end = RawTarget.IndexOfAny(['?', '#']);
            return end < 0 ? RawTarget : RawTarget[..end];
        }
    }

    /// <summary>The path after /v1.0, decoded once (what the contract's paths look like).</summary>
    public string GraphPath
    {
        get
        {
            var path = Uri.UnescapeDataString(RawPath);
            return path.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? path[5..] : path;
        }
    }
}
