namespace GraphEmulator;

/// <summary>
/// Microsoft Graph permissions the routes under a user accept (token scp for delegated, roles for app-only; see
/// <see cref="GraphPermissions.HasAny"/>). Sources: revoke-and-tap-facts.md §1 (revokeSignInSessions, whose tables
/// differ by the age of the page: all of them are accepted) and §2 (temporaryAccessPassMethods).
/// </summary>
internal static class UserActionPermissions
{
    /// <summary>revokeSignInSessions, app-only: least User.RevokeSessions.All; older pages User.ReadWrite.All, Directory.ReadWrite.All.</summary>
    public static readonly IReadOnlySet<string> RevokeSessions = Set("User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All");

    /// <summary>revokeSignInSessions, delegated: as app-only, plus Directory.AccessAsUser.All (the old docs.microsoft.com page).</summary>
    public static readonly IReadOnlySet<string> RevokeSessionsDelegated =
        Set("User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All");

    /// <summary>
    /// Create or delete another user's pass: UserAuthenticationMethod.ReadWrite.All (D3, L4); UserAuthMethod-TAP.ReadWrite.All
    /// is listed as a higher permission of both (D4, D11).
    /// </summary>
    public static readonly IReadOnlySet<string> WriteTemporaryAccessPass = Set("UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.ReadWrite.All");

    /// <summary>Delete one's own pass, delegated (D10, D11): also the self-service UserAuthenticationMethod.ReadWrite and UserAuthMethod-TAP.ReadWrite.</summary>
    public static readonly IReadOnlySet<string> WriteOwnTemporaryAccessPass = Set(
        "UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.ReadWrite.All", "UserAuthenticationMethod.ReadWrite", "UserAuthMethod-TAP.ReadWrite");

    /// <summary>List or get another user's pass (D9, L5): the read and read-write permissions of both families.</summary>
    public static readonly IReadOnlySet<string> ReadTemporaryAccessPass = Set(
        "UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.Read.All", "UserAuthMethod-TAP.ReadWrite.All");

    /// <summary>List or get one's own pass, delegated (D9, L5): also the self-service permissions.</summary>
    public static readonly IReadOnlySet<string> ReadOwnTemporaryAccessPass = Set(
        "UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.Read.All", "UserAuthMethod-TAP.ReadWrite.All",
        "UserAuthenticationMethod.Read", "UserAuthenticationMethod.ReadWrite", "UserAuthMethod-TAP.Read", "UserAuthMethod-TAP.ReadWrite");

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}
