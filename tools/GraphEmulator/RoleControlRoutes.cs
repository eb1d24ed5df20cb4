using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// /_emulator routes for directory role membership, which decides who may reset whom (<see cref="PasswordResetRoles"/>):
/// the sample tenant has few admins, so tests give users roles. Added members are dropped by /_emulator/reset.
/// </summary>
internal static class RoleControlRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        // The roles and their members: [{"id","roleTemplateId","displayName","memberIds":[...]}].
        group.MapGet("/roles", (HttpContext context, EmulatorState state) =>
            JsonResponse.WriteAsync(context, 200, new JsonArray([.. state.Roles.Select(r => (JsonNode)r.ToJson())])));

        // {"roleTemplateId":"<guid>","userIds":["<guid>",...]} → 200 with the role as it now is; every user must exist in
        // the tenant (?tenantId=, default: the default tenant), else 404 and nothing changes.
        group.MapPost("/roles/members", async (HttpContext context, EmulatorState state, TenantDirectory tenants) =>
        {
            var request = await ControlRoutes.ReadAsync<RoleMembersRequest>(context).ConfigureAwait(false);
            if (request is null || !Guid.TryParse(request.RoleTemplateId, out var template) || request.UserIds is not { Count: > 0 } ids ||
                ids.Any(id => !Guid.TryParse(id, out _)))
            {
                throw GraphErrors.BadRequest("Give {\"roleTemplateId\":\"<guid>\",\"userIds\":[\"<guid>\",...]} with at least one user id.");
            }

            var canonical = ids.Select(id => Guid.Parse(id).ToString()).ToList();
            var store = tenants.FromQuery(context).Users;
            var missing = store.Read(users => canonical.FirstOrDefault(id => users.Find(id) is null));
            if (missing is not null)
            {
                throw GraphErrors.UserNotFound(missing);
            }

            var role = state.AddRoleMembers(template.ToString(), canonical);
            await JsonResponse.WriteAsync(context, 200, role.ToJson()).ConfigureAwait(false);
        });
    }

    private sealed record RoleMembersRequest(string? RoleTemplateId, IReadOnlyList<string>? UserIds);
}
