namespace GraphEmulator;

/// <summary>
/// Pipeline stage for what arrives over HTTP — a direct request or a whole batch: injects the connection
/// faults of <see cref="FaultNames.Connection"/> as <see cref="FaultInjector"/> decides, for the outer request
/// only (a batch's inner requests share its connection). drop and hang never let the request reach the
/// handlers; lostAnswer and malformedBatch let everything be applied and then lose or garble the answer. The
/// connection itself is closed by <see cref="RequestRecorder"/> right after it logs the request.
/// </summary>
internal sealed class ConnectionFaults(FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var exchange = GraphExchange.Of(context);
        var method = context.Request.Method;
        var isBatch = exchange.Kind == ExchangeKind.Batch;
        var settings = faults.Settings;
        var fault = faults.DecideConnection(isBatch, () => isBatch ? BatchRequest.MethodsOf(exchange.Body) : [method], method, exchange.RawTarget, exchange.Body);
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        exchange.Fault = fault;
        switch (fault)
        {
            case FaultNames.Drop:
                exchange.Unanswered = true;
                exchange.CloseConnection = true;
                break;
            case FaultNames.Hang:
                exchange.Unanswered = true;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(settings.HangSeconds), context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // the client gave up first
                }

                exchange.CloseConnection = true;
                break;
            case FaultNames.LostAnswer:
                await BufferedAsync(context, next).ConfigureAwait(false); // applied; the answer is kept back and dropped
                exchange.CloseConnection = true;
                break;
            default: // malformedBatch: a complete HTTP answer whose JSON body is cut in half
                var answer = await BufferedAsync(context, next).ConfigureAwait(false);
                var truncated = answer.AsMemory(0, answer.Length / 2);
                context.Response.ContentLength = truncated.Length;
                await context.Response.Body.WriteAsync(truncated, context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    // Runs the rest of the pipeline with the answer kept back (headers go out only with the first body byte).
    internal static async Task<byte[]> BufferedAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        return buffer.ToArray();
    }
}
