using System;
using System.IO;
using System.Text;
using System.Text.Json;
using PasswordReset.Graph.Batching;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>
    /// The two requests of a reset, as batch calls: the lookup <c>GET /users/{key}?$select=…</c> and the
    /// <c>PATCH /users/{id}</c> with a passwordProfile that always carries the password and both flags (graph-facts.md §1).
    /// Keys are percent-encoded exactly as the SDK encodes them in a direct request.
    /// </summary>
    internal static class ResetRequests
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

        public static GraphCall Patch(AadUser user, string password, PasswordResetOptions options)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("passwordProfile");
                writer.WriteString("password", password);
                writer.WriteBoolean("forceChangePasswordNextSignIn", options.ForceChangePasswordNextSignIn);
                writer.WriteBoolean("forceChangePasswordNextSignInWithMfa", options.ForceChangePasswordNextSignInWithMfa);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return new GraphCall("PATCH", "/users/" + Uri.EscapeDataString(user.Id), Encoding.UTF8.GetString(buffer.ToArray()), label: user.UserPrincipalName ?? user.Id);
        }
    }
}
