using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>Shapes stored users for /v1.0 responses: the selected (or default) properties only.</summary>
internal static class UserProjection
{
    public static JsonObject Project(UserRecord user, IReadOnlyList<UserProperty> properties)
    {
        var result = new JsonObject();
        foreach (var p in properties)
        {
            // The password is never returned (graph-facts §1); unset properties read as null / [].
            result[p.Name] = p.Name == "passwordProfile"
                ? null
                : user.Data[p.Name]?.DeepClone() ?? (p.IsCollection ? new JsonArray() : null);
        }

        return result;
    }

    /// <summary>"{base}/v1.0/$metadata#users" with "(a,b)" when $select was given.</summary>
    public static string Context(HttpRequest request, IReadOnlyList<UserProperty>? select, bool entity)
    {
        var selected = select is null ? string.Empty : "(" + string.Join(',', select.Select(p => p.Name)) + ")";
        return $"{request.Scheme}://{request.Host}/v1.0/$metadata#users{selected}{(entity ? "/$entity" : string.Empty)}";
    }
}
