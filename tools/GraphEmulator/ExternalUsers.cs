using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Decides whether a user's password lives in another tenant or identity provider (B2B guest,
/// Microsoft account, ...): such a password cannot be reset here, and admins report 403
/// Authorization_RequestDenied for it whatever the caller's role. userType alone does not decide
/// (a Member can be external, a Guest can be local).
/// </summary>
internal static class ExternalUsers
{
    public static bool IsPasswordManagedElsewhere(UserRecord user, IReadOnlySet<string> tenantDomains)
    {
        // graph-facts §3: B2B guest UPNs contain #EXT#.
        if (user.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        // Invited (B2B) accounts.
        if (user.Data["creationType"] is JsonValue creation && creation.TryGetValue<string>(out var type) &&
            type.Equals("Invitation", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An identity whose issuer is not one of the tenant's domains (ExternalAzureAD, MicrosoftAccount,
        // mail, a social provider, ...). The tenant's own userPrincipalName identity does not count.
        return user.Data["identities"] is JsonArray identities && identities.OfType<JsonObject>().Any(identity =>
            !string.Equals(Text(identity["signInType"]), "userPrincipalName", StringComparison.OrdinalIgnoreCase) &&
            !tenantDomains.Contains(Text(identity["issuer"]) ?? string.Empty));
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
