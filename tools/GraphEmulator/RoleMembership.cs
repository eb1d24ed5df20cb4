using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>The directory roles (template ids) each user holds, from roles.json (memberIds).</summary>
internal sealed class RoleMembership(EmulatorState state)
{
    public IReadOnlyList<string> TemplateIdsOf(string userId) =>
        state.Roles.OfType<JsonObject>()
            .Where(role => role["memberIds"] is JsonArray members &&
                members.Any(m => string.Equals(m?.GetValue<string>(), userId, StringComparison.OrdinalIgnoreCase)))
            .Select(role => role["roleTemplateId"]!.GetValue<string>())
            .ToList();
}
