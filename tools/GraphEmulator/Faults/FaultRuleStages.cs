using System.Globalization;

namespace GraphEmulator;

/// <summary>
/// The two pipeline stages of the fault rules (<see cref="FaultRule"/>), both after authentication, which names the tenant
/// whose users the rules' keys are looked up in. <see cref="ConnectionAsync"/> (direct requests and whole batches): a
/// lostAnswer or drop rule matching the direct request, or any inner request of a batch, hits the connection — lostAnswer
/// lets everything run, then closes it; drop closes it before anything runs. <see cref="RequestAsync"/> (direct and inner
/// requests, after the rated request faults): a request rule answers that request alone, as the rated faults do; 403 is
/// Graph's Authorization_RequestDenied. Each hit is logged in the request log's "fault" as the rule's fault name.
/// </summary>
internal sealed class FaultRuleStages(FaultInjector faults, TenantDirectory tenants)
{
    public async Task ConnectionAsync(HttpContext context, RequestDelegate next)
    {
        var rules = faults.Settings.Rules;
        var exchange = GraphExchange.Of(context);
        string? fault = null;
        if (rules.Any(r => r.IsConnectionFault))
        {
            // Every matching inner request uses up one of its user's hits; the first rule that hits decides the fault.
            foreach (var (method, route) in Targets(context, exchange))
            {
                fault = Decide(context, rules, connection: true, method, route) is { } hit ? fault ?? hit : fault;
            }
        }

        switch (fault)
        {
            case null:
                await next(context).ConfigureAwait(false);
                break;
            case FaultNames.Drop:
                exchange.Fault = fault;
                exchange.Unanswered = true;
                exchange.CloseConnection = true; // by RequestRecorder, once the entry is logged
                break;
            default: // lostAnswer: applied, the answer kept back and the connection closed
                exchange.Fault = fault;
                await ConnectionFaults.BufferedAsync(context, next).ConfigureAwait(false);
                exchange.CloseConnection = true;
                break;
        }
    }

    public async Task RequestAsync(HttpContext context, RequestDelegate next)
    {
        var settings = faults.Settings;
        var exchange = GraphExchange.Of(context);
        var fault = settings.Rules.Any(r => !r.IsConnectionFault)
            ? Decide(context, settings.Rules, connection: false, context.Request.Method, exchange.Route)
            : null;
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        exchange.Fault = fault;
        if (fault == FaultRule.Forbidden)
        {
            await GraphErrors.WriteAsync(context, GraphErrors.InsufficientPrivileges()).ConfigureAwait(false);
            return;
        }

        await RequestFaults.AnswerAsync(context, next, fault, settings.RetryAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    /// <summary>The direct request, or every inner request of a batch (none if the batch is malformed: it will be a 400).</summary>
    private static IEnumerable<(string Method, GraphRoute Route)> Targets(HttpContext context, GraphExchange exchange)
    {
        if (exchange.Kind != ExchangeKind.Batch)
        {
            return [(context.Request.Method, exchange.Route)];
        }

        try
        {
            // Read as InnerRequest reads a step's url: relative to /v1.0, no fragment.
            return [.. BatchRequest.Parse(exchange.Body).Select(step =>
                (step.Method, GraphPathParser.Parse("/v1.0" + (step.Url.StartsWith('/') ? step.Url : "/" + step.Url).Split('#')[0])))];
        }
        catch (GraphException)
        {
            return [];
        }
    }

    private string? Decide(HttpContext context, IReadOnlyList<FaultRule> rules, bool connection, string method, GraphRoute route)
    {
        if (FaultRule.OperationOf(route.Kind) is not { } operation || route.Key is not { } key)
        {
            return null;
        }

        var caller = CallerIdentity.Of(context) ?? throw new InvalidOperationException("Caller not authenticated.");
        var (id, userPrincipalName) = tenants.Find(caller.TenantId)?.Users.Read(users =>
            users.Find(key) is { } user ? (user.Id, user.UserPrincipalName) : ((string?)null, (string?)null)) ?? (null, null);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.IsConnectionFault == connection && rule.Matches(method, operation, key, id, userPrincipalName) &&
                faults.RuleFirings.TryHit(i, id ?? key, rule.Times))
            {
                return rule.Fault;
            }
        }

        return null;
    }
}
