using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// One directory role of the tenant and its members (object ids), immutable so that many requests may read the role
/// list while a test adds members (a change publishes a new list).
/// </summary>
internal sealed record DirectoryRole(string Id, string RoleTemplateId, string? DisplayName, ImmutableHashSet<string> MemberIds)
{
    private static readonly ImmutableHashSet<string> NoMembers = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A role not in roles.json, added by a test: Graph's directoryRole id is its own GUID.</summary>
    public static DirectoryRole Empty(string roleTemplateId) => new(Guid.NewGuid().ToString(), roleTemplateId, null, NoMembers);

    /// <summary>An entry of roles.json's <c>directoryRoles</c> (id, roleTemplateId, displayName, memberIds).</summary>
    public static DirectoryRole FromJson(JsonObject role) => new(
        role["id"]?.GetValue<string>() ?? throw new InvalidDataException("A directory role has no id."),
        role["roleTemplateId"]?.GetValue<string>() ?? throw new InvalidDataException("A directory role has no roleTemplateId."),
        role["displayName"]?.GetValue<string>(),
        NoMembers.Union((role["memberIds"] as JsonArray ?? []).Select(m => m!.GetValue<string>())));

    public DirectoryRole WithMembers(IEnumerable<string> userIds) => this with { MemberIds = MemberIds.Union(userIds) };

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["roleTemplateId"] = RoleTemplateId,
        ["displayName"] = DisplayName,
        ["memberIds"] = new JsonArray([.. MemberIds.Order(StringComparer.Ordinal).Select(m => (JsonNode)m)]),
    };
}
