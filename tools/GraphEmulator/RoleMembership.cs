namespace GraphEmulator;

/// <summary>The directory roles (template ids) each user holds, from roles.json (memberIds) and POST /_emulator/roles/members.</summary>
internal sealed class RoleMembership(EmulatorState state)
{
    public IReadOnlyList<string> TemplateIdsOf(string userId) =>
        state.Roles.Where(role => role.MemberIds.Contains(userId)).Select(role => role.RoleTemplateId).ToList();
}
