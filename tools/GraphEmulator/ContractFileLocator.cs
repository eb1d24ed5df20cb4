namespace GraphEmulator;

/// <summary>
/// Finds files of the shared Graph contract. The repository lives beside <c>shared/</c>
/// (e.g. /work/main and /work/shared), so every ancestor of the working directory and of
/// the application directory is tried as the parent of <c>shared/graph-contract/...</c>.
/// </summary>
internal static class ContractFileLocator
{
    public const string UsersFile = "shared/graph-contract/sample-tenant/users.json";
    public const string RolesFile = "shared/graph-contract/sample-tenant/roles.json";
    public const string PropertiesFile = "shared/graph-contract/user-properties.v1.0.json";
    public const string OpenApiFile = "shared/graph-contract/users-v1.0.openapi.yaml";

    /// <summary>Like <see cref="Find"/>, but null when the file is nowhere to be found.</summary>
    public static string? TryFind(string relativePath)
    {
        try
        {
            return Find(relativePath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public static string Find(string relativePath)
    {
        var roots = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var root in roots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"Could not find '{relativePath}' in any ancestor of '{roots[0]}' or '{roots[1]}'. Pass the path explicitly.");
    }
}
