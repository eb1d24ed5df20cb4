using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>Reads the sample tenant (users.json, roles.json) as stored: one JsonObject per object.</summary>
internal static class SeedLoader
{
    public static IReadOnlyList<JsonObject> LoadUsers(string path)
    {
        var array = JsonNode.Parse(File.ReadAllText(path)) as JsonArray
            ?? throw new InvalidDataException($"'{path}' must hold a JSON array of user objects.");
        var users = new List<JsonObject>(array.Count);
        foreach (var node in array)
        {
            var user = node as JsonObject ?? throw new InvalidDataException($"'{path}' holds a non-object entry.");
            if (user["id"] is not JsonValue)
            {
                throw new InvalidDataException($"'{path}' holds a user without an id.");
            }

            users.Add(user);
        }

        return users;
    }

    public static JsonArray LoadRoles(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        return root?["directoryRoles"] as JsonArray
            ?? throw new InvalidDataException($"'{path}' must be an object with a 'directoryRoles' array.");
    }
}
