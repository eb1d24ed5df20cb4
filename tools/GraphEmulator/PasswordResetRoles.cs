namespace GraphEmulator;

/// <summary>
/// The "who can reset passwords" table of graph-facts §1, as data: for each directory role a target
/// may hold (role template id), the caller roles that may reset that target's password.
/// Template ids: the five of the sample tenant from sample-tenant/README.md §D; the others from the
/// same Entra permissions reference (table "All roles").
/// </summary>
internal static class PasswordResetRoles
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    public const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    public const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    public const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    public const string GroupsAdministrator = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    public const string DirectoryReaders = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    public const string GuestInviter = "95e79109-95c0-4d8e-aee3-d01accf2d47b";
    public const string MessageCenterReader = "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b";
    public const string ReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    public const string UsageSummaryReportsReader = "75934031-6c7e-415a-99d7-48dbd49e875e";

    private const string Pwd = PasswordAdministrator;
    private const string Help = HelpdeskAdministrator;
    private const string Auth = AuthenticationAdministrator;
    private const string User = UserAdministrator;
    private const string Paa = PrivilegedAuthenticationAdministrator;
    private const string Ga = GlobalAdministrator;

    /// <summary>Row "no admin role": every role of the table's columns.</summary>
    private static readonly HashSet<string> NoAdminRole = Set(Pwd, Help, Auth, User, Paa, Ga);

    /// <summary>
    /// Last row: Privileged Authentication Admin, Privileged Role Admin, any custom role, any role not listed here.
    /// Global Administrator's "(*)" caveat (resetting another Global Administrator) is ignored.
    /// </summary>
    private static readonly HashSet<string> AnyOtherRole = Set(Paa, Ga);

    private static readonly Dictionary<string, HashSet<string>> Rows = new(StringComparer.OrdinalIgnoreCase)
    {
        [DirectoryReaders] = Set(Pwd, Help, Auth, User, Paa, Ga),
        [GuestInviter] = Set(Pwd, Help, Auth, User, Paa, Ga),
        [PasswordAdministrator] = Set(Pwd, Help, Auth, User, Paa, Ga),
        [MessageCenterReader] = Set(Help, Auth, User, Paa, Ga),
        [ReportsReader] = Set(Help, Auth, User, Paa, Ga),
        [UsageSummaryReportsReader] = Set(Help, Auth, User, Paa, Ga),
        [HelpdeskAdministrator] = Set(Help, User, Paa, Ga),
        [AuthenticationAdministrator] = Set(Auth, Paa, Ga),
        [GroupsAdministrator] = Set(User, Paa, Ga),
        [UserAdministrator] = Set(User, Paa, Ga),
        [GlobalAdministrator] = Set(Paa, Ga),
    };

    /// <summary>graph-facts §1, app-only: the service principal needs at least User Administrator.</summary>
    public static readonly IReadOnlySet<string> AppMinimum = Set(User, Paa, Ga);

    /// <summary>True if one of the caller's roles may reset a target holding all of <paramref name="targetRoles"/>.</summary>
    public static bool CanReset(IEnumerable<string> callerRoles, IReadOnlyCollection<string> targetRoles) =>
        callerRoles.Any(caller => targetRoles.Count == 0
            ? NoAdminRole.Contains(caller)
            : targetRoles.All(target => Rows.GetValueOrDefault(target, AnyOtherRole).Contains(caller)));

    private static HashSet<string> Set(params string[] ids) => new(ids, StringComparer.OrdinalIgnoreCase);
}
