namespace GraphEmulator;

/// <summary>
/// The one function from a Graph request to a Graph response. Every /v1.0 request that arrives over HTTP
/// and every inner request of a /$batch (run on a synthetic context, <see cref="InnerRequest"/>) goes
/// through <see cref="InvokeAsync"/>: the ordered stages below, then the routes. Each stage names the
/// exchanges it applies to, so what happens to a request — and in which order — is read here and nowhere else.
/// </summary>
internal sealed class GraphRequestPipeline
{
    private readonly RequestDelegate _pipeline;

    public GraphRequestPipeline(
        RequestRecorder recorder,
        ConnectionFaults connectionFaults,
        Latency latency,
        GraphAuthentication authentication,
        ThrottlingStage throttling,
        RequestFaults requestFaults,
        UserRoutes users,
        BatchRoute batch,
        UserActionRoutes userActions,
        FaultRuleStages faultRules,
        ContractCheckMiddleware? contractCheck = null)
    {
        Stage[] stages =
        [
            // request-id / client-request-id (inner requests get their own).
            new(Applies.All, RequestCorrelation.Middleware),

            // Body, route, sequence; the request log entry once answered (whatever happens below).
            new(Applies.All, recorder.InvokeAsync),

            // drop, hang, lostAnswer, malformedBatch: per HTTP connection, so for a batch as a whole.
            new(Applies.Connection, connectionFaults.InvokeAsync),

            // Fixed + jitter per request; a batch's inner requests wait concurrently.
            new(Applies.Requests, latency.InvokeAsync),

            // Request and response against the OpenAPI description (/$batch is not in it); sees injected faults too.
            new(Applies.Requests, contractCheck is null ? null : contractCheck.InvokeAsync),

            // Bearer token, once per HTTP request: a batch is authenticated as a whole (a token Graph refuses is one outer
            // 401, so a client refreshes and resends it); its inner requests carry the outer caller (InnerRequest) and are
            // authorised on their own by the routes, with that identity.
            new(Applies.Connection, authentication.InvokeAsync),

            // Fault rules aimed at chosen users (lostAnswer, drop): a batch is hit when one of its inner requests matches.
            new(Applies.Connection, faultRules.ConnectionAsync),

            // Graph's token buckets (graph-facts §6): each inner request is charged on its own; 429 with Retry-After.
            new(Applies.Requests, throttling.InvokeAsync),

            // 429, 503, 504AfterApply, concurrencyViolation: per Graph request, inner ones each on their own.
            new(Applies.Requests, requestFaults.InvokeAsync),

            // Fault rules aimed at chosen users (403, 429, 503, 504AfterApply, concurrencyViolation), per Graph request.
            new(Applies.Requests, faultRules.RequestAsync),
        ];

        RequestDelegate routes = context => GraphExchange.Of(context) switch
        {
            { Kind: ExchangeKind.Batch } => batch.HandleAsync(context, InvokeAsync),
            var exchange when UserActionPaths.IsUserAction(exchange.Route.Kind) => userActions.HandleAsync(context),
            _ => users.HandleAsync(context),
        };
        _pipeline = stages.Reverse().Aggregate(routes, (next, stage) => stage.Wrap(next));
    }

    /// <summary>Answers one Graph request on <paramref name="context"/> (real or synthetic).</summary>
    public Task InvokeAsync(HttpContext context) => _pipeline(context);

    /// <summary>Which exchanges a stage applies to.</summary>
    [Flags]
    private enum Applies
    {
        Direct = 1,
        Batch = 2,
        Inner = 4,

        /// <summary>Graph requests proper: direct ones and inner ones, not the /$batch container.</summary>
        Requests = Direct | Inner,

        /// <summary>What arrives over HTTP: a direct request or a whole batch (connection-level behaviour).</summary>
        Connection = Direct | Batch,
        All = Direct | Batch | Inner,
    }

    private sealed record Stage(Applies AppliesTo, Func<HttpContext, RequestDelegate, Task>? Invoke)
    {
        public RequestDelegate Wrap(RequestDelegate next)
        {
            if (Invoke is not { } invoke)
            {
                return next; // stage switched off (e.g. no contract file)
            }

            if (AppliesTo == Applies.All)
            {
                return context => invoke(context, next);
            }

            return context => Matches(GraphExchange.Of(context).Kind) ? invoke(context, next) : next(context);
        }

        private bool Matches(ExchangeKind kind) => kind switch
        {
            ExchangeKind.Direct => AppliesTo.HasFlag(Applies.Direct),
            ExchangeKind.Batch => AppliesTo.HasFlag(Applies.Batch),
            _ => AppliesTo.HasFlag(Applies.Inner),
        };
    }
}
