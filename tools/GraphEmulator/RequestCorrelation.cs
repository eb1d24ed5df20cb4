namespace GraphEmulator;

/// <summary>
/// request-id / client-request-id of one request. Graph echoes the caller's client-request-id,
/// and uses the request-id when none was sent (graph-error-samples "errorEnvelope").
/// </summary>
internal sealed record RequestCorrelation(string RequestId, string ClientRequestId)
{
    private const string ItemKey = "GraphEmulator.Correlation";

    public static RequestCorrelation Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is RequestCorrelation c
            ? c
            : Attach(context);

    /// <summary>
    /// Middleware (for every route) and first stage of <see cref="GraphRequestPipeline"/> (for inner batch
    /// requests, which get ids of their own): assigns the ids once and puts both headers on the response.
    /// </summary>
    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        Of(context);
        return next(context);
    }

    private static RequestCorrelation Attach(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var sent = context.Request.Headers["client-request-id"].ToString();
        var correlation = new RequestCorrelation(requestId, string.IsNullOrWhiteSpace(sent) ? requestId : sent);
        context.Items[ItemKey] = correlation;
        context.Response.Headers["request-id"] = correlation.RequestId;
        context.Response.Headers["client-request-id"] = correlation.ClientRequestId;
        return correlation;
    }
}
