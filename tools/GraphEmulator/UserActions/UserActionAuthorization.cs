namespace GraphEmulator;

/// <summary>
/// Who may revoke whose sign-in sessions and manage whose Temporary Access Pass. Like <see cref="UserAuthorization"/>,
/// the permission is checked before the target is looked up (403 before 404) and the directory roles after; every
/// refusal is 403 Authorization_RequestDenied "Insufficient privileges to complete the operation.".
/// </summary>
internal sealed class UserActionAuthorization(RoleMembership roles)
{
    /// <summary>Global Reader (template id from Entra's built-in roles reference): may view passes, never their codes.</summary>
    public const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    /// <summary>The roles revoke-and-tap-facts §2 (E1, D5) names for writing others' passes.</summary>
    private static readonly HashSet<string> PassWriters = new(StringComparer.OrdinalIgnoreCase)
    {
        PasswordResetRoles.AuthenticationAdministrator, PasswordResetRoles.PrivilegedAuthenticationAdministrator, PasswordResetRoles.GlobalAdministrator,
    };

    public static void RequireRevokePermission(CallerIdentity caller) =>
        Require(GraphPermissions.HasAny(caller, caller.IsAppOnly ? UserActionPermissions.RevokeSessions : UserActionPermissions.RevokeSessionsDelegated));

    /// <summary>
    /// No Microsoft page names a role for revokeSignInSessions (revoke-and-tap-facts §1; public reports: 403 for non-admins).
    /// Our assumption: the password-reset rule, whole — the "who can reset whom" table, and for app-only tokens at least
    /// User Administrator — except that a signed-in user may revoke their own sessions ("by the user or an administrator").
    /// </summary>
    public void RequireRevoke(CallerIdentity caller, UserRecord target)
    {
        if (IsSelf(caller, target))
        {
            return;
        }

        var callerRoles = caller.DirectoryRoleTemplateIds;
        Require((!caller.IsAppOnly || callerRoles.Any(PasswordResetRoles.AppMinimum.Contains)) &&
            PasswordResetRoles.CanReset(callerRoles, roles.TemplateIdsOf(target.Id)));
    }

    /// <summary>The permission part of a pass operation: any permission that could allow it (own or others').</summary>
    public static void RequirePassPermission(CallerIdentity caller, bool write) =>
        Require(GraphPermissions.HasAny(caller, (write, caller.IsAppOnly) switch
        {
            (true, true) => UserActionPermissions.WriteTemporaryAccessPass,
            (true, false) => UserActionPermissions.WriteOwnTemporaryAccessPass,
            (false, true) => UserActionPermissions.ReadTemporaryAccessPass,
            _ => UserActionPermissions.ReadOwnTemporaryAccessPass,
        }));

    /// <summary>
    /// The target part of a pass operation (revoke-and-tap-facts §2, E1): never create a pass for oneself; one's own pass
    /// may be read or deleted with the self-service permissions. On others, delegated callers need a role: Global
    /// Administrator and Privileged Authentication Administrator on anyone, Authentication Administrator on "members" —
    /// read, as our assumption, as the targets the reset table lets an Authentication Administrator reset — and, to read
    /// only, Global Reader on anyone. App-only tokens need the permission only (Microsoft lists roles for delegated calls).
    /// </summary>
    public void RequirePassTarget(CallerIdentity caller, UserRecord target, bool write, bool create)
    {
        if (IsSelf(caller, target))
        {
            Require(!create);
            return;
        }

        Require(GraphPermissions.HasAny(caller, write ? UserActionPermissions.WriteTemporaryAccessPass : UserActionPermissions.ReadTemporaryAccessPass));
        if (caller.IsAppOnly)
        {
            return;
        }

        var callerRoles = caller.DirectoryRoleTemplateIds;
        Require((!write && callerRoles.Contains(GlobalReader, StringComparer.OrdinalIgnoreCase)) ||
            PasswordResetRoles.CanReset(callerRoles.Where(PassWriters.Contains), roles.TemplateIdsOf(target.Id)));
    }

    private static bool IsSelf(CallerIdentity caller, UserRecord target) =>
        !caller.IsAppOnly && string.Equals(caller.ObjectId, target.Id, StringComparison.OrdinalIgnoreCase);

    private static void Require(bool allowed)
    {
        if (!allowed)
        {
            throw GraphErrors.InsufficientPrivileges();
        }
    }
}
