using System.Globalization;

namespace GraphEmulator;

/// <summary>
/// Pipeline stage for every Graph request (direct or inner; after authentication, which names the app and the
/// tenant): asks <see cref="GraphThrottle"/> whether the request may run, at its §6 cost. Every response gets
/// the decision's headers (x-ms-resource-unit, and x-ms-throttle-limit-percentage above 80 % used); a refused
/// request is answered 429 TooManyRequests with Retry-After, x-ms-throttle-scope and x-ms-throttle-information,
/// and is never applied. The tenant's user count now picks its S/M/L resource-unit limit.
/// </summary>
internal sealed class ThrottlingStage(GraphThrottle throttle, TenantDirectory tenants)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var caller = CallerIdentity.Of(context) ?? throw new InvalidOperationException("Caller not authenticated.");
        var tenant = tenants.Find(caller.TenantId) ?? throw new InvalidOperationException("Caller's tenant not resolved.");
        var decision = throttle.Admit(caller.AppId ?? caller.ObjectId ?? "unknown", tenant.Id, tenant.Users.Count, CostOf(context));
        foreach (var (name, value) in decision.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (decision.Allowed)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await GraphErrors.WriteTooManyRequestsAsync(context, decision.Headers[ThrottleHeaders.RetryAfter]).ConfigureAwait(false);
    }

    private static RequestCost CostOf(HttpContext context)
    {
        var query = context.Request.Query; // names decoded: the SDK sends %24select (graph-facts §3)
        int? top = int.TryParse(query["$top"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return RequestCost.For(
            context.Request.Method,
            isUserCollection: GraphExchange.Of(context).Route.Kind == GraphRouteKind.Users,
            hasSelect: query.ContainsKey("$select"),
            hasExpand: query.ContainsKey("$expand"),
            top);
    }
}
