using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The /v1.0 surface: GET /users, GET /users/$count, GET and PATCH /users/{key} in its three key
/// forms. Routing is done on the raw target (see <see cref="GraphPathParser"/>), not by ASP.NET
/// route templates, so keys are decoded exactly once. Every request is served from the tenant of its
/// token's tid (authentication has already refused unknown tenants).
/// </summary>
internal sealed class UserRoutes(
    TenantDirectory tenants,
    UserQueryParser parser,
    UserQueryExecutor executor,
    UserPatch patch,
    FaultInjector faults)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var route = GraphRoute.Of(context) ?? throw new InvalidOperationException("Route not resolved.");
            var method = context.Request.Method;
            var caller = CallerIdentity.Of(context) ?? throw new InvalidOperationException("Caller not authenticated.");
            if (HttpMethods.IsGet(method) && route.Kind != GraphRouteKind.Invalid)
            {
                UserAuthorization.RequireRead(caller); // graph-facts §1: 403 before any 400/404
            }

            var tenant = tenants.Find(caller.TenantId) ?? throw new InvalidOperationException("Caller's tenant not resolved.");

            switch (route.Kind)
            {
                case GraphRouteKind.Invalid:
                    throw route.Error!;
                case GraphRouteKind.Users when HttpMethods.IsGet(method):
                    await ListAsync(context, tenant.Users).ConfigureAwait(false);
                    break;
                case GraphRouteKind.UsersCount when HttpMethods.IsGet(method):
                    await CountAsync(context, tenant.Users).ConfigureAwait(false);
                    break;
                case GraphRouteKind.User when route.Error is not null:
                    throw route.Error;
                case GraphRouteKind.User when route.ByUserPrincipalName && !HasUserPrincipalName(tenant.Users, route.Key!):
                    throw GraphErrors.UserNotFound(route.Key!);
                case GraphRouteKind.User when HttpMethods.IsGet(method):
                    await GetAsync(context, tenant.Users, route.Key!).ConfigureAwait(false);
                    break;
                case GraphRouteKind.User when HttpMethods.IsPatch(method):
                    Patch(context, tenant, route.Key!, caller);
                    context.Response.StatusCode = StatusCodes.Status204NoContent; // graph-facts §1: no body
                    break;
                default:
                    throw GraphErrors.MethodNotAllowed();
            }
        }
        catch (GraphException error)
        {
            await GraphErrors.WriteAsync(context, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Only the exception type is reported: messages could echo request content.
            await GraphErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError",
                $"The Graph emulator failed: {ex.GetType().Name}.").ConfigureAwait(false);
        }
    }

    private async Task ListAsync(HttpContext context, UserStore store)
    {
        var query = parser.ParseCollection(QueryOptions.From(context.Request), context.Request);
        query.Analysis.AttachTo(context);
        AdvancedQueryRules.Enforce(query.Analysis);
        var (page, total, hasMore) = executor.Execute(store, query);

        var body = new JsonObject { ["@odata.context"] = UserProjection.Context(context.Request, query.Select, entity: false) };
        if (query.Count && query.Offset == 0)
        {
            body["@odata.count"] = total; // first page only (graph-facts §4)
        }

        body["value"] = new JsonArray([.. page]);

        // The misbehaving modes (fault injection) keep clients' paging loops honest: a link back to the page just
        // served, or a fresh link on every page, even empty ones past the end. The log marks such pages.
        var paging = faults.Settings.Paging;
        int? next = paging switch
        {
            PagingMode.Repeat => query.Offset,
            PagingMode.Endless => query.Offset + query.Top,
            _ => hasMore ? query.Offset + page.Count : null,
        };
        if (next is { } offset)
        {
            body["@odata.nextLink"] = NextLink(context, SkipToken.Encode(offset, query.Fingerprint));
        }

        if (paging != PagingMode.Normal)
        {
            GraphExchange.Of(context).Fault = paging == PagingMode.Repeat ? FaultNames.PagingRepeat : FaultNames.PagingEndless;
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    private async Task CountAsync(HttpContext context, UserStore store)
    {
        var query = parser.ParseCollection(QueryOptions.From(context.Request), context.Request);
        query.Analysis.IsCountSegment = true;
        query.Analysis.AttachTo(context);
        AdvancedQueryRules.Enforce(query.Analysis);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain;charset=utf-8";
        await context.Response.WriteAsync(executor.Count(store, query).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    // The alternate key looks users up by userPrincipalName only; an object id there names no one.
    private static bool HasUserPrincipalName(UserStore store, string key) =>
        store.Read(users => users.Find(key) is { } found && string.Equals(found.UserPrincipalName, key, StringComparison.OrdinalIgnoreCase));

    private async Task GetAsync(HttpContext context, UserStore store, string key)
    {
        var select = parser.ParseSingle(QueryOptions.From(context.Request));
        var user = store.Read(users => users.Find(key) is { } found
            ? UserProjection.Project(found, select ?? parser.DefaultSelect)
            : null) ?? throw GraphErrors.UserNotFound(key);

        var body = new JsonObject { ["@odata.context"] = UserProjection.Context(context.Request, select, entity: true) };
        foreach (var (name, value) in user.ToList())
        {
            user.Remove(name);
            body[name] = value;
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    private void Patch(HttpContext context, Tenant tenant, string key, CallerIdentity caller)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(GraphExchange.Of(context).Body) as JsonObject ?? throw GraphErrors.InvalidJsonPayload();
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidJsonPayload();
        }

        patch.Apply(tenant, key, body, caller);
    }

    /// <summary>Same URL and query options as received, with our $skiptoken in place of any earlier one.</summary>
    private static string NextLink(HttpContext context, string skipToken)
    {
        var raw = context.Request.QueryString.Value ?? string.Empty;
        var kept = raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !Uri.UnescapeDataString(part.Split('=')[0]).Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            .Append("$skiptoken=" + skipToken);
        return $"{context.Request.Scheme}://{context.Request.Host}/v1.0/users?{string.Join('&', kept)}";
    }
}
