namespace GraphEmulator;

/// <summary>
/// Authorization of /v1.0 user operations from the token (graph-facts §1). Graph authorizes before
/// it validates, so these checks run before any 400. Every failure is 403 Authorization_RequestDenied
/// "Insufficient privileges to complete the operation.".
/// </summary>
internal sealed class UserAuthorization(RoleMembership roles, EmulatorSettings settings)
{
    public static void RequireRead(CallerIdentity caller)
    {
        if (!GraphPermissions.HasAny(caller, GraphPermissions.ReadUsers))
        {
            throw GraphErrors.InsufficientPrivileges();
        }
    }

    /// <summary>The permission part of PATCH, judged on which kinds of property the body sets.</summary>
    public static void RequireWrite(CallerIdentity caller, bool setsPasswordProfile, bool setsOtherProperties)
    {
        var passwordPermissions = caller.IsAppOnly ? GraphPermissions.WritePasswordProfile : GraphPermissions.WritePasswordProfileDelegated;
        if ((setsPasswordProfile && !GraphPermissions.HasAny(caller, passwordPermissions)) ||
            (setsOtherProperties && !GraphPermissions.HasAny(caller, GraphPermissions.WriteUsers)))
        {
            throw GraphErrors.InsufficientPrivileges();
        }
    }

    /// <summary>
    /// The role part of a password reset: the caller's directory roles (wids; for an app, the roles
    /// assigned to its service principal) must be able to reset every role the target holds, and the
    /// target's password must be this tenant's.
    /// </summary>
    public void RequirePasswordReset(CallerIdentity caller, UserRecord target, Tenant tenant)
    {
        var callerRoles = caller.DirectoryRoleTemplateIds;

        // §1 app-only: "at least the User Administrator role" assigned to the service principal.
        if (caller.IsAppOnly && !callerRoles.Any(PasswordResetRoles.AppMinimum.Contains))
        {
            throw GraphErrors.InsufficientPrivileges();
        }

        if (!PasswordResetRoles.CanReset(callerRoles, roles.TemplateIdsOf(target.Id)) ||
            ExternalUsers.IsPasswordManagedElsewhere(target, TenantDomains(tenant)))
        {
            throw GraphErrors.InsufficientPrivileges();
        }
    }

    /// <summary>The tenant's domains: the initial domain plus the federated ones (also verified domains of the tenant).</summary>
    public IReadOnlySet<string> TenantDomains(Tenant tenant) =>
        new HashSet<string>([tenant.Domain, .. settings.FederatedDomains], StringComparer.OrdinalIgnoreCase);
}
