using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// POST /users/{key}/revokeSignInSessions (and .../microsoft.graph.revokeSignInSessions), graph-facts §9 and
/// revoke-and-tap-facts §1. Order as for PATCH: method (405), permission (403), unknown user (404), role (403), body
/// (400). Success resets the user's signInSessionsValidFromDateTime and answers as Graph's known issue does:
/// 200 {"@odata.context": ".../$metadata#Edm.Boolean", "value": true}.
/// </summary>
internal sealed class RevokeSignInSessionsRoute(UserActionAuthorization authorization)
{
    public async Task HandleAsync(HttpContext context, Tenant tenant, CallerIdentity caller, GraphRoute route)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw GraphErrors.MethodNotAllowed();
        }

        UserActionAuthorization.RequireRevokePermission(caller);
        if (route.Error is not null)
        {
            throw route.Error;
        }

        var body = GraphExchange.Of(context).Body;
        tenant.Users.Write(users =>
        {
            var user = users.Find(route.Key!) ?? throw GraphErrors.UserNotFound(route.Key!);
            authorization.RequireRevoke(caller, user);
            CheckNoParameters(body);

            // External users sign in at home, so Graph does not end their sessions (§9); what it answers is not documented.
            // Our assumption: the same answer, and the property is reset on the guest object here as on anyone's.
            user.RevokeSignInSessions(DateTimeOffset.UtcNow);
        });

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["@odata.context"] = UserActionRoutes.Context(context.Request, "Edm.Boolean"),
            ["value"] = true,
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// "This operation has no request content" (D1): none, or an empty JSON object (what a $batch step must carry, since a
    /// POST without a body is refused there), annotations ignored.
    /// </summary>
    private static void CheckNoParameters(byte[] body)
    {
        if (body.Length == 0)
        {
            return;
        }

        JsonObject parameters;
        try
        {
            parameters = JsonNode.Parse(body) as JsonObject ?? throw GraphErrors.InvalidJsonPayload();
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidJsonPayload();
        }

        if (parameters.Select(p => p.Key).FirstOrDefault(name => !name.StartsWith('@')) is { } unknown)
        {
            throw UserActionErrors.UnknownParameter(unknown);
        }
    }
}
