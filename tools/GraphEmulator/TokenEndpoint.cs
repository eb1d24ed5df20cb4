using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace GraphEmulator;

/// <summary>
/// POST /{tenant}/oauth2/v2.0/token for the client credentials grant
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow): a client secret
/// or a certificate-signed client assertion buys an app-only token for a Graph root (graph-facts §7)
/// carrying the app registration's roles and wids. Every answer is recorded in the <see cref="IssuedTokenLog"/>.
/// </summary>
internal sealed class TokenEndpoint(TenantDirectory tenants, AppRegistry apps, TokenService tokens, IssuedTokenLog log)
{
    private const string ClientCredentials = "client_credentials";

    // Scopes MSAL may add to any request; not resources.
    private static readonly HashSet<string> ReservedScopes = new(StringComparer.OrdinalIgnoreCase) { "openid", "profile", "offline_access" };

    public async Task HandleAsync(HttpContext context, string tenant)
    {
        IFormCollection form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;
        var grantType = Value(form, "grant_type");
        var clientId = Value(form, "client_id");
        var claims = form.ContainsKey("claims"); // MSAL sends it to force a refresh; otherwise ignored

        // The kind of credential offered, logged whether or not it is accepted.
        string? credential = Value(form, "client_assertion") is not null ? "certificate" : Value(form, "client_secret") is not null ? "secret" : null;
        string? tenantId = null;
        try
        {
            var directory = ResolveTenant(tenant);
            tenantId = directory.Id;
            if (grantType is null)
            {
                throw AadErrors.MissingParameter("grant_type");
            }

            if (grantType != ClientCredentials)
            {
                throw AadErrors.UnsupportedGrantType(grantType);
            }

            if (clientId is null)
            {
                throw AadErrors.MissingParameter("client_id");
            }

            var audience = Audience(Value(form, "scope") ?? throw AadErrors.MissingParameter("scope"));
            var app = apps.Find(clientId);
            if (app is null || !string.Equals(app.TenantId, directory.Id, StringComparison.OrdinalIgnoreCase))
            {
                throw AadErrors.UnknownClient(clientId, tenant);
            }

            await AuthenticateAsync(context, form, app, tenant, directory).ConfigureAwait(false);
            var issued = tokens.IssueToken(new TokenRequest
            {
                TenantId = directory.Id,
                Audience = audience,
                Roles = app.Roles,
                Wids = app.Wids,
                LifetimeSeconds = app.TokenLifetimeSeconds,
                AppId = app.ClientId,
                Oid = ServicePrincipalId(directory.Id, app.ClientId),
            });
            log.Add(directory.Id, clientId, grantType, credential, claims, issued);
            context.Response.Headers.CacheControl = "no-store, no-cache";
            await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = issued.ExpiresIn,
                ["ext_expires_in"] = issued.ExpiresIn,
                ["access_token"] = issued.Token,
            }, JsonResponse.PlainContentType).ConfigureAwait(false);
        }
        catch (AadException error)
        {
            log.Add(tenantId, clientId, grantType, credential, claims, issued: null, $"AADSTS{error.Code}");
            await AadErrors.WriteAsync(context, error).ConfigureAwait(false);
        }
    }

    /// <summary>The tenant a path segment names: its id or a domain it owns. /common and /organizations name none.</summary>
    public Tenant ResolveTenant(string segment)
    {
        if (IsMultiTenantAlias(segment))
        {
            throw AadErrors.NoTenant();
        }

        return tenants.Find(segment) ?? throw AadErrors.TenantNotFound(segment);
    }

    public static bool IsMultiTenantAlias(string segment) =>
        segment.Equals("common", StringComparison.OrdinalIgnoreCase) ||
        segment.Equals("organizations", StringComparison.OrdinalIgnoreCase) ||
        segment.Equals("consumers", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the client assertion, else the secret; throws unless one proves the app's identity.</summary>
    private static async Task AuthenticateAsync(HttpContext context, IFormCollection form, RegisteredApp app, string tenantSegment, Tenant tenant)
    {
        var assertion = Value(form, "client_assertion");
        if (assertion is not null)
        {
            if (Value(form, "client_assertion_type") != ClientAssertionValidator.AssertionType)
            {
                throw AadErrors.InvalidAssertionType();
            }

            await ClientAssertionValidator.ValidateAsync(assertion, app, AssertionAudiences(context, tenantSegment, tenant)).ConfigureAwait(false);
            return;
        }

        var secret = Value(form, "client_secret") ?? throw AadErrors.MissingCredential();
        if (!app.SecretMatches(secret))
        {
            throw AadErrors.InvalidSecret(app.ClientId);
        }
    }

    /// <summary>
    /// aud values a client assertion may carry: the token endpoint as called or with the tenant id, with or
    /// without trailing slash, and the v2.0 issuer form (certificate-credentials doc; MSAL uses the endpoint).
    /// </summary>
    private static List<string> AssertionAudiences(HttpContext context, string tenantSegment, Tenant tenant)
    {
        var baseUri = $"{context.Request.Scheme}://{context.Request.Host}";
        var audiences = new List<string>();
        foreach (var name in new[] { tenantSegment, tenant.Id, tenant.Domain }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            audiences.Add($"{baseUri}/{name}/oauth2/v2.0/token");
            audiences.Add($"{baseUri}/{name}/oauth2/v2.0/token/");
            audiences.Add($"{baseUri}/{name}/v2.0");
            audiences.Add($"{baseUri}/{name}/v2.0/");
        }

        return audiences;
    }

    /// <summary>The token audience for a client-credentials scope: exactly one "{Graph root}/.default".</summary>
    private static string Audience(string scope)
    {
        var resources = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !ReservedScopes.Contains(s)).ToList();
        const string suffix = "/.default";
        if (resources.Count == 1 && resources[0].EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            var resource = resources[0][..^suffix.Length];
            var root = TokenService.GraphRoots.FirstOrDefault(r => string.Equals(r, resource, StringComparison.OrdinalIgnoreCase));
            if (root is not null)
            {
                return root;
            }

            if (string.Equals(resource, TokenService.GraphAppId, StringComparison.OrdinalIgnoreCase))
            {
                return TokenService.DefaultAudience; // Graph's app id stands for the global root
            }
        }

        throw AadErrors.InvalidScope(scope);
    }

    // Stable object id of the app's service principal in a tenant (the token's oid).
    private static string ServicePrincipalId(string tenantId, string clientId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"urn:graph-emulator:service-principal:{tenantId}:{clientId}".ToUpperInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;
}
