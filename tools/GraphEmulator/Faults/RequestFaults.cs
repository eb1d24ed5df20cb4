using System.Globalization;

namespace GraphEmulator;

/// <summary>
/// Pipeline stage for every Graph request (direct or inner): injects the request faults of
/// <see cref="FaultNames.Request"/> as <see cref="FaultInjector"/> decides. 429, 503 and concurrencyViolation
/// answer before the request is applied; 504AfterApply lets it be applied and then answers 504 instead.
/// </summary>
internal sealed class RequestFaults(FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var exchange = GraphExchange.Of(context);
        var settings = faults.Settings;
        var fault = faults.DecideRequest(context.Request.Method, exchange.RawTarget, exchange.Body);
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        exchange.Fault = fault;
        await AnswerAsync(context, next, fault, settings.RetryAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    /// <summary>Answers with <paramref name="fault"/> (a name of <see cref="FaultNames.Request"/>); also used by <see cref="FaultRuleStages"/>.</summary>
    internal static async Task AnswerAsync(HttpContext context, RequestDelegate next, string fault, string retryAfter)
    {
        switch (fault)
        {
            case FaultNames.TooManyRequests:
                await GraphErrors.WriteTooManyRequestsAsync(context, retryAfter).ConfigureAwait(false);
                break;
            case FaultNames.ServiceUnavailable:
                context.Response.Headers.RetryAfter = retryAfter;
                await GraphErrors.WriteAsync(context, GraphErrors.ServiceUnavailable()).ConfigureAwait(false);
                break;
            case FaultNames.ConcurrencyViolation:
                await GraphErrors.WriteAsync(context, GraphErrors.ConcurrencyViolation()).ConfigureAwait(false);
                break;
            default: // 504AfterApply: applied, and the answer thrown away
                var original = context.Response.Body;
                using (var discarded = new MemoryStream())
                {
                    context.Response.Body = discarded;
                    try
                    {
                        await next(context).ConfigureAwait(false);
                    }
                    finally
                    {
                        context.Response.Body = original;
                    }
                }

                context.Response.Headers.ContentType = default;
                context.Response.ContentLength = null;
                // graph-facts §6: 504 "may occur together with 503", whose answer may name a Retry-After; ours does.
                context.Response.Headers.RetryAfter = retryAfter;
                await GraphErrors.WriteAsync(context, GraphErrors.GatewayTimeout()).ConfigureAwait(false);
                break;
        }
    }
}
