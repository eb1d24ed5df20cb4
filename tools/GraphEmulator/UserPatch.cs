using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// PATCH /users/{key} (graph-facts §1): checks the body against the property table, applies the
/// password rules, then stores every change at once. Success is 204 with no body.
/// </summary>
internal sealed class UserPatch(UserPropertyCatalog catalog, EmulatorSettings settings, UserAuthorization authorization)
{
    private static readonly HashSet<string> PasswordProfileMembers = new(StringComparer.Ordinal)
    {
        "password", "forceChangePasswordNextSignIn", "forceChangePasswordNextSignInWithMfa",
    };

    /// <summary>
    /// Order as Graph: permission (403), target lookup (404), directory role and external-user checks
    /// (403), then validation (400: federated domain, payload, on-premises mastered, password policy).
    /// </summary>
    public void Apply(Tenant tenant, string key, JsonObject body, CallerIdentity caller)
    {
        var setsPasswordProfile = body.ContainsKey("passwordProfile");
        var setsOther = body.Any(p => !p.Key.StartsWith('@') && p.Key != "passwordProfile");
        UserAuthorization.RequireWrite(caller, setsPasswordProfile, setsOther);

        tenant.Users.Write(users =>
        {
            var user = users.Find(key) ?? throw GraphErrors.UserNotFound(key);
            if (setsPasswordProfile)
            {
                authorization.RequirePasswordReset(caller, user, tenant);

                // graph-facts §1: passwordProfile "can't be used for federated users".
                if (settings.IsFederated(user.UserPrincipalName))
                {
                    throw GraphErrors.FederatedDomain();
                }
            }

            var (changes, passwordProfile) = Validate(body);
            var password = passwordProfile?["password"]?.GetValue<string>();
            if (password is not null)
            {
                CheckPassword(user, password, changes);
            }

            var newUpn = changes.FirstOrDefault(c => c.Property.Name == "userPrincipalName").Value?.GetValue<string>();
            if (newUpn is not null && users.IsUserPrincipalNameTaken(newUpn, user.Id))
            {
                throw GraphErrors.BadRequest("Another object with the same value for property userPrincipalName already exists.");
            }

            var previousUpn = user.UserPrincipalName;
            foreach (var (property, value) in changes)
            {
                user.Data[property.Name] = value?.DeepClone();
            }

            if (newUpn is not null)
            {
                users.Reindex(user, previousUpn);
            }

            // passwordProfile without a password: 204 and nothing changes (graph-facts §1, observed).
            if (password is not null)
            {
                user.Password = password;
                user.ForceChangePasswordNextSignIn = Flag(passwordProfile!, "forceChangePasswordNextSignIn");
                user.ForceChangePasswordNextSignInWithMfa = Flag(passwordProfile!, "forceChangePasswordNextSignInWithMfa");
                user.PasswordResetCount++;
                user.PasswordChangedAt = DateTimeOffset.UtcNow;
                user.Data["lastPasswordChangeDateTime"] = user.PasswordChangedAt.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>Checks the body against the property table; returns the changes and the passwordProfile, if any.</summary>
    private (List<(UserProperty Property, JsonNode? Value)> Changes, JsonObject? PasswordProfile) Validate(JsonObject body)
    {
        var changes = new List<(UserProperty Property, JsonNode? Value)>();
        JsonObject? passwordProfile = null;
        foreach (var (name, value) in body)
        {
            if (name.StartsWith('@'))
            {
                CheckAnnotation(name, value, "#microsoft.graph.user");
                continue;
            }

            // Property names in the payload are matched exactly, as the SDK writes them.
            if (!catalog.TryGet(name, out var property) || property.Name != name)
            {
                throw GraphErrors.BadRequest($"Property '{name}' does not exist on type 'microsoft.graph.user'.");
            }

            if (property.Name == "passwordProfile")
            {
                passwordProfile = CheckPasswordProfile(value);
                continue;
            }

            if (property.ReadOnly)
            {
                throw GraphErrors.BadRequest($"Property '{name}' is read-only and cannot be set.");
            }

            if (!IsValidValue(property, value))
            {
                throw GraphErrors.BadRequest($"Invalid value specified for property '{name}' of resource 'User'.");
            }

            changes.Add((property, value?.DeepClone()));
        }

        return (changes, passwordProfile);
    }

    private void CheckPassword(UserRecord user, string password, List<(UserProperty Property, JsonNode? Value)> changes)
    {
        // graph-facts §1: synced (on-premises mastered) users can only be reset with writeback on.
        if (user.IsOnPremisesSynced && !settings.PasswordWriteback)
        {
            throw GraphErrors.OnPremisesMastered();
        }

        // The password must satisfy the user's passwordPolicies, including one set in the same request.
        var policies = changes.Any(c => c.Property.Name == "passwordPolicies")
            ? changes.First(c => c.Property.Name == "passwordPolicies").Value?.GetValue<string>()
            : user.Data["passwordPolicies"]?.GetValue<string>();
        if (!PasswordPolicy.IsCompliant(password, policies) || settings.IsBanned(password))
        {
            throw GraphErrors.WeakPassword();
        }
    }

    private static JsonObject CheckPasswordProfile(JsonNode? value)
    {
        if (value is not JsonObject profile)
        {
            throw GraphErrors.BadRequest("Invalid value specified for property 'passwordProfile' of resource 'User'.");
        }

        foreach (var (name, member) in profile)
        {
            if (name.StartsWith('@'))
            {
                CheckAnnotation(name, member, "#microsoft.graph.passwordProfile");
                continue;
            }

            if (!PasswordProfileMembers.Contains(name))
            {
                throw GraphErrors.BadRequest($"Property '{name}' does not exist on type 'microsoft.graph.passwordProfile'.");
            }

            var kind = member?.GetValueKind();
            var ok = kind is null or JsonValueKind.Null ||
                (name == "password" ? kind == JsonValueKind.String : kind is JsonValueKind.True or JsonValueKind.False);
            if (!ok)
            {
                throw GraphErrors.BadRequest($"Invalid value specified for property '{name}' of resource 'PasswordProfile'.");
            }
        }

        return profile;
    }

    // The SDK sends "@odata.type":"#microsoft.graph.user" (graph-facts §1); other annotations are ignored.
    private static void CheckAnnotation(string name, JsonNode? value, string expectedType)
    {
        if (name == "@odata.type" &&
            !string.Equals(value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null, expectedType, StringComparison.OrdinalIgnoreCase))
        {
            throw GraphErrors.BadRequest($"Invalid @odata.type; expected '{expectedType}'.");
        }
    }

    private static bool Flag(JsonObject profile, string name) =>
        profile[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static bool IsValidValue(UserProperty property, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (kind == JsonValueKind.Null)
        {
            return property.Nullable && !property.IsCollection;
        }

        if (property.IsCollection)
        {
            return value is JsonArray items && items.All(item => IsValidElement(property.ElementType, item));
        }

        return IsValidElement(property.Type, value);
    }

    private static bool IsValidElement(string type, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number/int32" => kind == JsonValueKind.Number && value!.AsValue().TryGetValue<int>(out _),
            "string/date-time" => kind == JsonValueKind.String &&
                DateTimeOffset.TryParse(value!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => kind == JsonValueKind.Object,
        };
    }
}
