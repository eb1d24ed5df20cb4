using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator;

/// <summary>
/// The test-only control surface under /_emulator (never under /v1.0, no authentication).
/// GET /_emulator/users/{key} is the one place stored passwords can be read.
/// </summary>
internal static class ControlRoutes
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/_emulator");

        group.MapGet("/health", (HttpContext context, TenantDirectory tenants) =>
            JsonResponse.WriteAsync(context, 200, new JsonObject { ["status"] = "ok", ["users"] = tenants.FromQuery(context).Users.Count }));

        group.MapPost("/tokens", async (HttpContext context, TokenService tokens, IssuedTokenLog issuedLog) =>
        {
            var request = await ReadAsync<TokenRequest>(context).ConfigureAwait(false) ?? new TokenRequest();
            var issued = tokens.IssueToken(request);
            issuedLog.Add(issued.TenantId, issued.AppId, grantType: null, "control", claimsParameter: false, issued);
            await JsonResponse.WriteAsync(context, 200, new JsonObject
            {
                ["access_token"] = issued.Token,
                ["token_type"] = "Bearer",
                ["expires_in"] = issued.ExpiresIn,
            }).ConfigureAwait(false);
        });

        // Every token request answered (IdP and control), without tokens or secrets.
        group.MapGet("/tokens/issued", (HttpContext context, IssuedTokenLog issuedLog) =>
            JsonResponse.WriteAsync(context, 200, issuedLog.Snapshot()));

        group.MapPost("/tokens/revoke", async (HttpContext context, TokenService tokens) =>
        {
            var request = await ReadAsync<RevokeRequest>(context).ConfigureAwait(false);
            if (request?.All == true)
            {
                tokens.Revocations.RevokeAll();
            }
            else if (!string.IsNullOrWhiteSpace(request?.AccessToken))
            {
                tokens.Revocations.RevokeToken(request.AccessToken, tokens.ReadTokenId(request.AccessToken));
            }
            else
            {
                throw GraphErrors.BadRequest("Give {\"access_token\":\"...\"} or {\"all\":true}.");
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        group.MapGet("/users/{key}", (HttpContext context, TenantDirectory tenants) =>
        {
            var key = RawKey(context, "/_emulator/users/");
            var view = tenants.FromQuery(context).Users.Read(users => users.Find(key)?.ToControlView()) ?? throw GraphErrors.UserNotFound(key);
            return JsonResponse.WriteAsync(context, 200, view);
        });

        group.MapPost("/users/synthetic", async (HttpContext context, TenantDirectory tenants) =>
        {
            var store = tenants.FromQuery(context).Users;
            var request = await ReadAsync<SyntheticRequest>(context).ConfigureAwait(false);
            if (request is null || request.Count < 0 || request.Count > 1_000_000)
            {
                throw GraphErrors.BadRequest("Give {\"count\":N} with 0 <= N <= 1000000.");
            }

            await JsonResponse.WriteAsync(context, 200, new JsonObject { ["users"] = store.AddSynthetic(request.Count) }).ConfigureAwait(false);
        });

        // Adds a user (e.g. one on a federated domain); any user properties, userPrincipalName required,
        // id generated when absent. 201 with the stored user, 409 if the id or userPrincipalName exists.
        group.MapPost("/users", async (HttpContext context, TenantDirectory tenants) =>
        {
            var store = tenants.FromQuery(context).Users;
            var body = await ReadAsync<JsonObject>(context).ConfigureAwait(false);
            if (body?["userPrincipalName"] is not JsonValue upn || !upn.TryGetValue<string>(out var upnText) || upnText.Length == 0)
            {
                throw GraphErrors.BadRequest("Give a JSON object of user properties with a non-empty \"userPrincipalName\".");
            }

            if (body["id"] is not JsonValue id || !id.TryGetValue<string>(out var idText) || idText.Length == 0)
            {
                body["id"] = Guid.NewGuid().ToString();
            }

            var stored = store.TryAdd(body)
                ?? throw new GraphException(StatusCodes.Status409Conflict, "Request_Conflict",
                    $"A user with id '{body["id"]}' or userPrincipalName '{upnText}' already exists.");
            stored.Remove("passwordProfile");
            stored.Remove("passwordResetCount");
            await JsonResponse.WriteAsync(context, StatusCodes.Status201Created, stored).ConfigureAwait(false);
        });

        // The request log of one tenant (?tenantId=, default: the default tenant).
        // ?method= keeps one method; ?since=N keeps entries with a sequence above N (for long runs).
        group.MapGet("/requests", (HttpContext context, RequestLog log, TenantDirectory tenants) =>
        {
            var method = context.Request.Query["method"].ToString();
            var since = context.Request.Query["since"].ToString();
            long after = 0;
            if (since.Length > 0 && !long.TryParse(since, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
            {
                throw GraphErrors.BadRequest("'since' must be a sequence number (a non-negative integer).");
            }

            return RequestLog.WriteAsync(context, log.Select(tenants.FromQuery(context).Id, method.Length == 0 ? null : method, after));
        });

        group.MapDelete("/requests", (HttpContext context, RequestLog log, TenantDirectory tenants) =>
        {
            log.Clear(tenants.FromQuery(context).Id);
            return Results.NoContent();
        });

        MapApps(group);
        MapTenants(group);
        InjectionControlRoutes.Map(group);
        RoleControlRoutes.Map(group);
        PasswordsRoute.Map(group);
        UserActionControlRoutes.Map(group);

        // Contract violations found on /v1.0 exchanges (empty when the checks are off).
        group.MapGet("/contract/violations", (HttpContext context, ContractViolations violations) =>
            JsonResponse.WriteAsync(context, 200, violations.Snapshot()));

        group.MapDelete("/contract/violations", (ContractViolations violations) =>
        {
            violations.Clear();
            return Results.NoContent();
        });

        group.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        group.MapPost("/settings", async (HttpContext context, EmulatorSettings settings) =>
        {
            var request = await ReadAsync<SettingsRequest>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"passwordWriteback\":bool,\"bannedPasswords\":[...],\"federatedDomains\":[...]}.");
            settings.Update(request.PasswordWriteback, request.BannedPasswords, request.FederatedDomains);
            if (request.RejectNextPasswords is int reject) settings.RejectNext(reject);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    // App registrations for the identity provider; kept across /_emulator/reset.
    private static void MapApps(RouteGroupBuilder group)
    {
        group.MapGet("/apps", (HttpContext context, AppRegistry apps) => JsonResponse.WriteAsync(context, 200, apps.Snapshot()));

        group.MapPost("/apps", async (HttpContext context, AppRegistry apps) =>
        {
            var registration = await ReadAsync<AppRegistration>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"clientId\",\"tenantId\",\"displayName\",\"clientSecret\",\"certificates\":[...],\"roles\":[...],\"wids\":[...],\"tokenLifetimeSeconds\"}.");
            RegisteredApp? added;
            try
            {
                added = apps.TryAdd(registration);
            }
            catch (ArgumentException ex)
            {
                throw GraphErrors.BadRequest(ex.Message);
            }

            if (added is null)
            {
                throw new GraphException(StatusCodes.Status409Conflict, "Request_Conflict", $"An app with client id '{registration.ClientId}' already exists.");
            }

            await JsonResponse.WriteAsync(context, StatusCodes.Status201Created, added.PublicView()).ConfigureAwait(false);
        });
    }

    // Extra tenants with synthetic users only; dropped by /_emulator/reset.
    private static void MapTenants(RouteGroupBuilder group)
    {
        group.MapGet("/tenants", (HttpContext context, TenantDirectory tenants) =>
            JsonResponse.WriteAsync(context, 200, new JsonArray([.. tenants.All.Select(t => (JsonNode)TenantView(t))])));

        group.MapPost("/tenants", async (HttpContext context, TenantDirectory tenants) =>
        {
            var request = await ReadAsync<TenantRequest>(context).ConfigureAwait(false);
            if (request is null || !Guid.TryParse(request.TenantId, out var id) || string.IsNullOrWhiteSpace(request.Domain) ||
                request.Synthetic is < 0 or > 1_000_000)
            {
                throw GraphErrors.BadRequest("Give {\"tenantId\":\"<guid>\",\"domain\":\"name\",\"synthetic\":N} with 0 <= N <= 1000000.");
            }

            var tenant = tenants.TryAdd(id.ToString(), request.Domain.Trim(), request.Synthetic ?? 0)
                ?? throw new GraphException(StatusCodes.Status409Conflict, "Request_Conflict",
                    $"A tenant with id '{id}' or domain '{request.Domain}' already exists.");
            await JsonResponse.WriteAsync(context, StatusCodes.Status201Created, TenantView(tenant)).ConfigureAwait(false);
        });
    }

    private static JsonObject TenantView(Tenant tenant) => new()
    {
        ["tenantId"] = tenant.Id,
        ["domain"] = tenant.Domain,
        ["users"] = tenant.Users.Count,
        ["isDefault"] = tenant.IsDefault,
    };

    /// <summary>Turns a <see cref="GraphException"/> from a control handler into the usual envelope.</summary>
    public static async Task ErrorsMiddleware(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (GraphException error) when (!context.Response.HasStarted)
        {
            await GraphErrors.WriteAsync(context, error).ConfigureAwait(false);
        }
    }

    // Same decoding rule as /v1.0: from the raw target, percent-decoded exactly once.
    private static string RawKey(HttpContext context, string prefix)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        var end = raw.IndexOf('?', StringComparison.Ordinal);
        var path = end < 0 ? raw : raw[..end];
        var start = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        return Uri.UnescapeDataString(start < 0 ? path : path[(start + prefix.Length)..]);
    }

    internal static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), JsonResponse.SerializerOptions);
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidJsonPayload();
        }
    }

    private sealed record RevokeRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string? AccessToken,
        bool? All);

    private sealed record SyntheticRequest(int Count);

    private sealed record TenantRequest(string? TenantId, string? Domain, int? Synthetic);

    private sealed record SettingsRequest(bool? PasswordWriteback, IReadOnlyList<string>? BannedPasswords, IReadOnlyList<string>? FederatedDomains, int? RejectNextPasswords);
}
