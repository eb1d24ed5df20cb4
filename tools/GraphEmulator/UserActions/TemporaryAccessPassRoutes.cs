using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// /users/{key}/authentication/temporaryAccessPassMethods (graph-facts §10, revoke-and-tap-facts §2): create (POST, 201
/// with the code, the only answer that carries it), list (GET, at most one pass, code null), get by id, delete (204). A
/// user holds one pass; a create replaces it. The tenant's policy (<see cref="TemporaryAccessPassPolicyStore"/>) supplies
/// the defaults and limits. Order: method (405), permission (403), unknown user (404), role or self (403), body (400),
/// external user (400), policy (400).
/// </summary>
internal sealed class TemporaryAccessPassRoutes(UserActionAuthorization authorization, UserAuthorization userAuthorization, TemporaryAccessPassPolicyStore policies)
{
    private const string ODataType = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";

    public Task HandleAsync(HttpContext context, Tenant tenant, CallerIdentity caller, GraphRoute route)
    {
        var method = context.Request.Method;
        var collection = route.Kind == GraphRouteKind.TemporaryAccessPassMethods;
        var (write, create) = (collection, method.ToUpperInvariant()) switch
        {
            (_, "GET") => (false, false),
            (true, "POST") => (true, true),
            (false, "DELETE") => (true, false),
            _ => throw GraphErrors.MethodNotAllowed(),
        };

        UserActionAuthorization.RequirePassPermission(caller, write);
        if (route.Error is not null)
        {
            throw route.Error;
        }

        return (collection, create, write) switch
        {
            (true, true, _) => CreateAsync(context, tenant, caller, route.Key!),
            (true, _, _) => ListAsync(context, tenant, caller, route.Key!),
            (false, _, false) => GetAsync(context, tenant, caller, route.Key!, route.MethodId!),
            _ => DeleteAsync(context, tenant, caller, route.Key!, route.MethodId!),
        };
    }

    private Task CreateAsync(HttpContext context, Tenant tenant, CallerIdentity caller, string key)
    {
        var body = GraphExchange.Of(context).Body;
        var policy = policies.Current;
        JsonObject? created = null;
        string? userId = null;
        tenant.Users.Write(users =>
        {
            var user = users.Find(key) ?? throw GraphErrors.UserNotFound(key);
            authorization.RequirePassTarget(caller, user, write: true, create: true);
            var request = TemporaryAccessPassRequest.Parse(body);

            // Only internal users can hold a pass (revoke-and-tap-facts §2); the status is our assumption.
            if (ExternalUsers.IsPasswordManagedElsewhere(user, userAuthorization.TenantDomains(tenant)))
            {
                throw UserActionErrors.ExternalUser();
            }

            var pass = Issue(request, policy);
            user.TemporaryAccessPass = pass; // one pass per user: the new one replaces any earlier one (§10)
            user.TemporaryAccessPassCreatedCount++;
            userId = user.Id;
            created = pass.ToGraph(withCode: true, pass.CreatedDateTime, policy.Enabled);
        });

        var answer = new JsonObject
        {
            ["@odata.context"] = UserActionRoutes.Context(context.Request, $"users('{userId}')/authentication/temporaryAccessPassMethods/$entity"),
            ["@odata.type"] = ODataType, // as in D3's example answer
        };
        return JsonResponse.WriteAsync(context, StatusCodes.Status201Created, Merge(answer, created!));
    }

    /// <summary>
    /// The policy's rules (revoke-and-tap-facts §2–§3): refused when disabled; an omitted isUsableOnce takes the policy's
    /// (our assumption: Microsoft states no request default); a multi-use pass only when the policy allows it; an omitted
    /// lifetime takes the policy's default, a given one must lie within the policy's minimum and maximum.
    /// </summary>
    private static TemporaryAccessPass Issue(TemporaryAccessPassRequest request, TemporaryAccessPassPolicy policy)
    {
        if (!policy.Enabled)
        {
            throw UserActionErrors.PolicyRefused();
        }

        var isUsableOnce = request.IsUsableOnce ?? policy.IsUsableOnce;
        if (policy.IsUsableOnce && !isUsableOnce)
        {
            throw UserActionErrors.MultiUseNotAllowed();
        }

        var lifetime = request.LifetimeInMinutes ?? policy.DefaultLifetimeInMinutes;
        if (lifetime < policy.MinimumLifetimeInMinutes || lifetime > policy.MaximumLifetimeInMinutes)
        {
            throw UserActionErrors.LifetimeOutOfRange(policy.MinimumLifetimeInMinutes, policy.MaximumLifetimeInMinutes);
        }

        var now = DateTimeOffset.UtcNow;
        return new TemporaryAccessPass(
            Guid.NewGuid().ToString(), TemporaryAccessPass.NewCode(policy.DefaultLength), now, request.StartDateTime ?? now, lifetime, isUsableOnce);
    }

    private Task ListAsync(HttpContext context, Tenant tenant, CallerIdentity caller, string key)
    {
        var (userId, pass) = Read(tenant, caller, key);
        var enabled = policies.Current.Enabled;
        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["@odata.context"] = UserActionRoutes.Context(context.Request, $"users('{userId}')/authentication/temporaryAccessPassMethods"),
            ["value"] = pass is null ? new JsonArray() : new JsonArray(pass.ToGraph(withCode: false, DateTimeOffset.UtcNow, enabled)),
        });
    }

    private Task GetAsync(HttpContext context, Tenant tenant, CallerIdentity caller, string key, string methodId)
    {
        var (userId, pass) = Read(tenant, caller, key);
        if (pass is null || !pass.Id.Equals(methodId, StringComparison.OrdinalIgnoreCase))
        {
            throw UserActionErrors.PassNotFound(methodId);
        }

        var answer = new JsonObject
        {
            ["@odata.context"] = UserActionRoutes.Context(context.Request, $"users('{userId}')/authentication/temporaryAccessPassMethods/$entity"),
        };
        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK,
            Merge(answer, pass.ToGraph(withCode: false, DateTimeOffset.UtcNow, policies.Current.Enabled)));
    }

    private Task DeleteAsync(HttpContext context, Tenant tenant, CallerIdentity caller, string key, string methodId)
    {
        tenant.Users.Write(users =>
        {
            var user = users.Find(key) ?? throw GraphErrors.UserNotFound(key);
            authorization.RequirePassTarget(caller, user, write: true, create: false);
            if (user.TemporaryAccessPass is not { } pass || !pass.Id.Equals(methodId, StringComparison.OrdinalIgnoreCase))
            {
                throw UserActionErrors.PassNotFound(methodId);
            }

            user.TemporaryAccessPass = null;
        });

        context.Response.StatusCode = StatusCodes.Status204NoContent; // D10: no body
        return Task.CompletedTask;
    }

    private (string UserId, TemporaryAccessPass? Pass) Read(Tenant tenant, CallerIdentity caller, string key) =>
        tenant.Users.Read(users =>
        {
            var user = users.Find(key) ?? throw GraphErrors.UserNotFound(key);
            authorization.RequirePassTarget(caller, user, write: false, create: false);
            return (user.Id, user.TemporaryAccessPass);
        });

    private static JsonObject Merge(JsonObject head, JsonObject rest)
    {
        foreach (var (name, value) in rest.ToList())
        {
            rest.Remove(name);
            head[name] = value;
        }

        return head;
    }
}
