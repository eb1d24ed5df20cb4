using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// /_emulator routes for what the routes under a user keep: the Temporary Access Pass policy (GET, POST replaces it —
/// absent members take Graph's defaults — and answers 200 with the policy in force; DELETE puts the defaults back → 204;
/// so does /_emulator/reset), and every user's revocations and pass at once (for tests of hundreds of users). Like
/// /_emulator/passwords, the only places besides GET /_emulator/users/{key} where a pass's code is readable.
/// </summary>
internal static class UserActionControlRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/tapPolicy", (HttpContext context, TemporaryAccessPassPolicyStore policy) =>
            JsonResponse.WriteAsync(context, 200, policy.Current.ToJson()));

        group.MapPost("/tapPolicy", async (HttpContext context, TemporaryAccessPassPolicyStore policy) =>
        {
            var body = await ControlRoutes.ReadAsync<JsonObject>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"state\":\"enabled|disabled\",\"defaultLifetimeInMinutes\":60,\"minimumLifetimeInMinutes\":60,\"maximumLifetimeInMinutes\":480,\"isUsableOnce\":false,\"defaultLength\":8}.");
            try
            {
                policy.Configure(TemporaryAccessPassPolicy.FromJson(body));
            }
            catch (ArgumentException ex)
            {
                throw GraphErrors.BadRequest(ex.Message);
            }

            await JsonResponse.WriteAsync(context, 200, policy.Current.ToJson()).ConfigureAwait(false);
        });

        group.MapDelete("/tapPolicy", (TemporaryAccessPassPolicyStore policy) =>
        {
            policy.Reset();
            return Results.NoContent();
        });

        // [{"id","userPrincipalName","revokedCount","lastRevoked"}]; ?revoked=true keeps users revoked at least once.
        group.MapGet("/sessionRevocations", (HttpContext context, TenantDirectory tenants) =>
        {
            var onlyRevoked = Flag(context, "revoked");
            var rows = tenants.FromQuery(context).Users.Read(users => users.All
                .Where(u => !onlyRevoked || u.SignInSessionsRevokedCount > 0)
                .Select(u => (JsonNode)new JsonObject
                {
                    ["id"] = u.Id,
                    ["userPrincipalName"] = u.UserPrincipalName,
                    ["revokedCount"] = u.SignInSessionsRevokedCount,
                    ["lastRevoked"] = u.SignInSessionsRevokedAt?.ToString("O", CultureInfo.InvariantCulture),
                })
                .ToList());
            return JsonResponse.WriteAsync(context, 200, new JsonArray([.. rows]));
        });

        // [{"id","userPrincipalName","createdCount","temporaryAccessPass":{...}|null}]; ?issued=true keeps users given a pass at least once.
        group.MapGet("/temporaryAccessPasses", (HttpContext context, TenantDirectory tenants) =>
        {
            var onlyIssued = Flag(context, "issued");
            var rows = tenants.FromQuery(context).Users.Read(users => users.All
                .Where(u => !onlyIssued || u.TemporaryAccessPassCreatedCount > 0)
                .Select(u => (JsonNode)new JsonObject
                {
                    ["id"] = u.Id,
                    ["userPrincipalName"] = u.UserPrincipalName,
                    ["createdCount"] = u.TemporaryAccessPassCreatedCount,
                    ["temporaryAccessPass"] = u.TemporaryAccessPass?.ToControlView(),
                })
                .ToList());
            return JsonResponse.WriteAsync(context, 200, new JsonArray([.. rows]));
        });
    }

    private static bool Flag(HttpContext context, string name) =>
        context.Request.Query[name].ToString().Equals("true", StringComparison.OrdinalIgnoreCase);
}
