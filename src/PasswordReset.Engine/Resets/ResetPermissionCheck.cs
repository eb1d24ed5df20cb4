using PasswordReset.Runs;

namespace PasswordReset.Resets
{
    /// <summary>
    /// Decides before any request, from the token's own claims, whether a password reset can succeed for anyone
    /// (graph-facts.md §1; the rule is <see cref="TokenPermissions"/>'s): the token must grant a permission that allows PATCH
    /// passwordProfile, and its directory roles (<c>wids</c>), when the token lists any, must include a role that may reset
    /// at least non-admin users. A token without <c>wids</c> tells nothing: <c>wids</c> carries tenant-wide built-in roles
    /// only, so an admin whose resetting role is scoped to an administrative unit (or activated in PIM after the token was
    /// issued) has none there yet may reset some users; an app's roles are its service principal's. This replaces guessing
    /// from the first outcomes, which batches in flight complete in any order. Targets a role may not reset (admins) are
    /// still tried: each such 403 is that user's own error.
    /// </summary>
    public static class ResetPermissionCheck
    {
        /// <summary>Permissions that allow PATCH passwordProfile (least privileged first; Directory.AccessAsUser.All is delegated only).</summary>
        public static readonly string[] ResetPermissions = { "User-PasswordProfile.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All" };

        /// <summary>
        /// Role template ids of the "who can reset passwords" table's columns: Password, Helpdesk, Authentication, User and
        /// Privileged Authentication Administrator, and Global Administrator. Each may reset users without an admin role.
        /// </summary>
        public static readonly string[] ResettingRoles =
        {
            "966707d0-3269-4727-9be2-8c3a10f19b9d", "729827e3-9c14-49f7-bb1b-9608f156bbb8", "c4e39bd9-1100-46d3-8c65-fb160da0071f",
            "fe930be7-5e62-47db-91af-98c3a49a38b1", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "62e90394-69f5-4237-9190-012177145e10",
        };

        private const string Roles = "may reset passwords (Password, Helpdesk, Authentication, User or Privileged Authentication Administrator, or Global Administrator)";

        /// <summary>Why no reset can succeed with this token, or null when some may (or the token cannot be read).</summary>
        public static string? WhyNoResetCanSucceed(AadGraphContext context) =>
            TokenPermissions.WhyNot(context, "a password reset", ResetPermissions, ResettingRoles, Roles);
    }
}
