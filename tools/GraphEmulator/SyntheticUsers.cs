using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Makes deterministic extra users (for paging and volume tests). They carry the same keys as the
/// seed users; values follow the seed's derivation rules (sample-tenant README) where cheap.
/// </summary>
internal static class SyntheticUsers
{
    private static readonly string[] Departments = ["Engineering", "Sales & Marketing", "Operations", "Synthetic"];

    /// <param name="idScope">null for the default tenant; another tenant's id, so object ids stay unique across tenants as in Entra.</param>
    public static JsonObject Create(int index, string domain, IReadOnlyList<string> keys, UserPropertyCatalog catalog, string? idScope = null)
    {
        var number = index.ToString("D5", CultureInfo.InvariantCulture);
        var upn = $"synthetic{number}@{domain}";
        var id = DeterministicId(index, idScope);
        var user = new JsonObject();
        foreach (var key in keys)
        {
            user[key] = catalog.TryGet(key, out var p) && p.IsCollection ? new JsonArray() : null;
        }

        user["id"] = id.ToString();
        user["displayName"] = $"Synthetic User {number}";
        user["givenName"] = "Synthetic";
        user["surname"] = $"User {number}";
        user["userPrincipalName"] = upn;
        user["mail"] = upn;
        user["mailNickname"] = $"synthetic{number}";
        user["department"] = Departments[(index - 1) % Departments.Length];
        user["accountEnabled"] = true;
        user["userType"] = "Member";
        user["onPremisesSyncEnabled"] = null;
        user["createdDateTime"] = "2024-01-01T00:00:00Z";
        user["lastPasswordChangeDateTime"] = "2024-01-01T00:00:00Z";
        user["proxyAddresses"] = new JsonArray($"SMTP:{upn}");
        user["identities"] = new JsonArray(new JsonObject
        {
            ["signInType"] = "userPrincipalName",
            ["issuer"] = domain,
            ["issuerAssignedId"] = upn,
        });
        if (user.ContainsKey("onPremisesExtensionAttributes"))
        {
            var attributes = new JsonObject();
            for (var i = 1; i <= 15; i++)
            {
                attributes[$"extensionAttribute{i}"] = null;
            }

            user["onPremisesExtensionAttributes"] = attributes;
        }

        if (user.ContainsKey("securityIdentifier"))
        {
            user["securityIdentifier"] = CloudSid(id);
        }

        return user;
    }

    private static Guid DeterministicId(int index, string? scope)
    {
        var name = scope is null ? $"urn:graph-emulator:synthetic-user:{index}" : $"urn:graph-emulator:synthetic-user:{scope}:{index}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 look, like Entra's random ids
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    // Cloud-object SID: S-1-12-1- + the id's 16 bytes as four little-endian uint32 (sample-tenant README).
    private static string CloudSid(Guid id)
    {
        var b = id.ToByteArray();
        var parts = Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i * 4, 4)).ToString(CultureInfo.InvariantCulture));
        return "S-1-12-1-" + string.Join('-', parts);
    }
}
