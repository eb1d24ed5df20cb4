using System;
using PasswordReset.Graph.Batching;
using PasswordReset.Users;

namespace PasswordReset.Runs
{
    /// <summary>
    /// The request every run shares: the lookup <c>GET /users/{key}?$select=…</c>, and the path of a user by object id.
    /// Keys are percent-encoded exactly once, as the SDK encodes them in a direct request (graph-facts.md §3).
    /// </summary>
    internal static class UserRequests
    {
        private static readonly string Select = "$select=" + string.Join(",", UserMapper.StandardProperties);

        public static GraphCall Lookup(UserReference reference)
        {
            string key = reference.Key;
            string path = UserKey.NeedsAlternateKey(key)
                ? "/users(userPrincipalName='" + Uri.EscapeDataString(UserKey.ODataLiteral(key)) + "')"
                : "/users/" + Uri.EscapeDataString(key);
            return new GraphCall("GET", path + "?" + Select, label: reference.Describe());
        }

        /// <summary><c>/users/{object id}</c>, encoded.</summary>
        public static string UserPath(AadUser user) => "/users/" + Uri.EscapeDataString(user.Id);

        /// <summary>How logs name a user's request: the UPN, or the id.</summary>
        public static string Label(AadUser user) => user.UserPrincipalName ?? user.Id;
    }
}
