namespace GraphEmulator;

/// <summary>
/// Finds the data files the emulator reads: the sample tenant and the Graph contract (property table, OpenAPI
/// description). The build copies them from <c>../shared/graph-contract</c> (beside the repository) into a
/// <c>graph-contract</c> folder next to the emulator, so a published emulator runs from any folder; that copy is
/// preferred. For a build without it, every ancestor of the working directory and of the application directory is
/// tried as the parent of <c>shared/graph-contract/</c> (e.g. /work/main and /work/shared).
/// </summary>
internal static class ContractFileLocator
{
    /// <summary>The folder beside the emulator that holds the copied data, in the layout of shared/graph-contract.</summary>
    public const string CopiedFolder = "graph-contract";

    /// <summary>Where the data lives relative to an ancestor folder of the repository.</summary>
    public const string SharedFolder = "shared/graph-contract";

    public const string UsersFile = "sample-tenant/users.json";
    public const string RolesFile = "sample-tenant/roles.json";
    public const string PropertiesFile = "user-properties.v1.0.json";
    public const string OpenApiFile = "users-v1.0.openapi.yaml";

    /// <summary>Like <see cref="Find(string)"/>, but null when the file is nowhere to be found.</summary>
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

    /// <summary>
    /// The full path of <paramref name="relativePath"/> (relative to graph-contract, e.g. <see cref="UsersFile"/>):
    /// the copy beside the emulator first, then shared/graph-contract above the working or application directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">In neither place; the message names both.</exception>
    public static string Find(string relativePath) =>
        Find(relativePath, AppContext.BaseDirectory, [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary><see cref="Find(string)"/> with the application directory and the search roots given (for tests).</summary>
    internal static string Find(string relativePath, string applicationDirectory, IReadOnlyList<string> searchRoots)
    {
        var copied = Path.Combine(applicationDirectory, CopiedFolder, relativePath);
        if (File.Exists(copied))
        {
            return copied;
        }

        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SharedFolder, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"Could not find '{relativePath}' in '{Path.Combine(applicationDirectory, CopiedFolder)}' nor as '{SharedFolder}/{relativePath}' " +
            $"in any ancestor of '{string.Join("' or '", searchRoots)}'. Pass the path explicitly.");
    }
}
