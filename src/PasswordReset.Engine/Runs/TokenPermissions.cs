using System;
using System.Collections.Generic;
using System.Linq;

namespace PasswordReset.Runs
{
    /// <summary>
    /// Decides before any request, from the token's own claims, whether an operation can succeed for anyone: the token must
    /// grant one of the permissions the operation accepts (<c>scp</c> for a signed-in account, <c>roles</c> for an app), and,
    /// when the operation needs a directory role and the token lists any (<c>wids</c>), one of them must be able to act. A
    /// token without <c>wids</c> tells nothing — <c>wids</c> carries tenant-wide built-in roles only, so a role scoped to an
    /// administrative unit (or activated in PIM after the token was issued) is not in it, and an app's roles are its
    /// service principal's — so everything is tried. A run that cannot succeed stops with one terminating error instead of thousands of identical
    /// per-user errors; targets a role may not act on are still tried, each such 403 being that user's own error.
    /// </summary>
    public static class TokenPermissions
    {
        /// <summary>
        /// Permissions that allow <c>POST /users/{id}/revokeSignInSessions</c> (graph-facts.md §9; least privileged first:
        /// every page age lists one of these; Directory.AccessAsUser.All is delegated only).
        /// </summary>
        public static readonly string[] RevokeSessionsPermissions = { "User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All" };

        /// <summary>Permissions that allow creating a Temporary Access Pass for another user (graph-facts.md §10).</summary>
        public static readonly string[] AccessPassPermissions = { "UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.ReadWrite.All" };

        /// <summary>
        /// Role template ids that may create a Temporary Access Pass for someone (revoke-and-tap-facts.md §2, E1):
        /// Authentication Administrator (members), Privileged Authentication Administrator and Global Administrator (anyone
        /// but themselves).
        /// </summary>
        public static readonly string[] AccessPassRoles =
        {
            "c4e39bd9-1100-46d3-8c65-fb160da0071f", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "62e90394-69f5-4237-9190-012177145e10",
        };

        /// <summary>Names of <see cref="AccessPassRoles"/>, for messages.</summary>
        public const string AccessPassRoleNames = "Authentication Administrator, Privileged Authentication Administrator or Global Administrator";

        /// <summary>
        /// Why <paramref name="action"/> cannot succeed for anyone with this token, or null when it may (or the token cannot be
        /// read: nothing is known, so everything is tried).
        /// </summary>
        /// <param name="context">The connection's claims.</param>
        /// <param name="action">What the message calls the operation, e.g. "a password reset".</param>
        /// <param name="permissions">Permissions any of which allows it.</param>
        /// <param name="roleIds">Directory role template ids any of which allows it; null when no role is checked.</param>
        /// <param name="roleNames">Those roles' names and what they may do, for the message, e.g. "may reset passwords (…)".</param>
        public static string? WhyNot(AadGraphContext context, string action, IReadOnlyCollection<string> permissions, IReadOnlyCollection<string>? roleIds = null, string? roleNames = null)
        {
            if (context is null) throw new ArgumentNullException(nameof(context));
            if (context.TokenType.Length == 0) return null;
            bool delegated = context.TokenType == "Delegated";
            string[] granted = delegated ? context.Scopes : context.Roles;
            string who = delegated ? $"the signed-in account ({context.Account ?? "unknown"})" : $"the app ({context.ClientId ?? "unknown"})";
            if (!granted.Any(p => permissions.Contains(p, StringComparer.OrdinalIgnoreCase)))
            {
                return $"The token of {who} grants none of the permissions {action} needs ({string.Join(", ", permissions)}); " +
                    $"it has {(granted.Length == 0 ? "none" : string.Join(", ", granted))}. Nothing was sent.";
            }

            if (roleIds is null || context.DirectoryRoleIds.Any(r => roleIds.Contains(r, StringComparer.OrdinalIgnoreCase))) return null;

            // Tenant-wide roles listed, none of which may act: no target can succeed. No wids claim at all proves nothing, so
            // every target is tried and each 403 is that user's own error, counted by the closing warning.
            return context.DirectoryRoleIds.Length > 0
                ? $"The token of {who} lists directory roles, but none that {roleNames}. Nothing was sent."
                : null;
        }
    }
}
