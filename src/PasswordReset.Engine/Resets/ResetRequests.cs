using System.IO;
using System.Text;
using System.Text.Json;
using PasswordReset.Graph.Batching;
using PasswordReset.Runs;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>
    /// The reset's request as a batch call: <c>PATCH /users/{id}</c> with a passwordProfile that always carries the password
    /// and both flags (graph-facts.md §1).
    /// </summary>
    internal static class ResetRequests
    {
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

            return new GraphCall("PATCH", UserRequests.UserPath(user), Encoding.UTF8.GetString(buffer.ToArray()), label: UserRequests.Label(user));
        }
    }
}
