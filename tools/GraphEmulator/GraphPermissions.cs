namespace GraphEmulator;

/// <summary>
/// Microsoft Graph permissions (token scp for delegated, roles for app-only) that the user
/// operations accept (graph-facts §1 and the user-get / user-list / user-update permission tables).
/// </summary>
internal static class GraphPermissions
{
    /// <summary>GET /users, /users/$count, /users/{key}.</summary>
    public static readonly IReadOnlySet<string> ReadUsers = Set(
        "User.Read.All", "User.ReadBasic.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");

    /// <summary>
    /// PATCH with passwordProfile: least privileged User-PasswordProfile.ReadWrite.All, or Directory.ReadWrite.All.
    /// User.ReadWrite.All alone is reported to fail with 403 for passwords (§1, obs), so it is not accepted.
    /// </summary>
    public static readonly IReadOnlySet<string> WritePasswordProfile = Set("User-PasswordProfile.ReadWrite.All", "Directory.ReadWrite.All");

    /// <summary>Delegated only: older docs name Directory.AccessAsUser.All for password changes (§1).</summary>
    public static readonly IReadOnlySet<string> WritePasswordProfileDelegated =
        Set("User-PasswordProfile.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All");

    /// <summary>PATCH of other properties: the user-update table (§1) lists User.ReadUpdate.All least, then User.ReadWrite.All, Directory.ReadWrite.All.</summary>
    public static readonly IReadOnlySet<string> WriteUsers = Set("User.ReadUpdate.All", "User.ReadWrite.All", "Directory.ReadWrite.All");

    /// <summary>Delegated tokens are judged by scp, app-only tokens by roles.</summary>
    public static bool HasAny(CallerIdentity caller, IReadOnlySet<string> accepted) =>
        (caller.IsAppOnly ? caller.Roles : caller.Scopes).Any(accepted.Contains);

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}
