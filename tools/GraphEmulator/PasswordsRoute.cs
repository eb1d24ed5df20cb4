using System.Globalization;
using System.Text.Json;

namespace GraphEmulator;

/// <summary>
/// GET /_emulator/passwords: every stored password of one tenant at once, for tests of thousands of users
/// ("every emitted password equals the stored one", "reset exactly once"). Like GET /_emulator/users/{key}, a
/// control route only: passwords never appear under /v1.0 or in any log.
/// </summary>
internal static class PasswordsRoute
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/passwords", async (HttpContext context, TenantDirectory tenants) =>
        {
            var changedOnly = context.Request.Query["changed"].ToString().Equals("true", StringComparison.OrdinalIgnoreCase);

            // Copied under the store's lock, written after it.
            var rows = tenants.FromQuery(context).Users.Read(users => users.All
                .Where(u => !changedOnly || u.PasswordResetCount > 0)
                .Select(u => (u.Id, u.UserPrincipalName, u.Password, u.PasswordResetCount, u.PasswordChangedAt))
                .ToList());

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonResponse.ContentType;
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Encoder = JsonResponse.SerializerOptions.Encoder });
            writer.WriteStartArray();
            foreach (var (id, userPrincipalName, password, changeCount, changedAt) in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("userPrincipalName", userPrincipalName);
                writer.WriteString("password", password);
                writer.WriteNumber("changeCount", changeCount);
                writer.WriteString("lastChanged", changedAt?.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                if (writer.BytesPending > 64 * 1024)
                {
                    await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        });
}
