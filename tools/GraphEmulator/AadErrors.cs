using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Entra ID's token endpoint errors: RFC 6749 §5.2 "error" plus Microsoft's error_description
/// ("AADSTSnnnn: text\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ..."), error_codes, timestamp,
/// trace_id, correlation_id (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
/// MSAL puts error_description into its exception message, so Azure.Identity's AuthenticationFailedException
/// carries the AADSTS code. Texts follow the published ones where known; the rest are emulator wording.
/// </summary>
internal static class AadErrors
{
    public static async Task WriteAsync(HttpContext context, AadException error)
    {
        var now = DateTime.UtcNow;
        var timestamp = now.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var traceId = Guid.NewGuid().ToString();

        // Entra echoes the client's client-request-id (MSAL sends one) as the correlation id.
        var sent = context.Request.Headers["client-request-id"].ToString();
        var correlationId = Guid.TryParse(sent, out var parsed) ? parsed.ToString() : Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["error"] = error.Error,
            ["error_description"] =
                $"AADSTS{error.Code}: {error.Message}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}",
            ["error_codes"] = new JsonArray(error.Code),
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/error?code={error.Code}",
        };
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await JsonResponse.WriteAsync(context, error.Status, body, JsonResponse.PlainContentType).ConfigureAwait(false);
    }

    public static AadException MissingParameter(string name) => new(400, "invalid_request", 900144,
        $"The request body must contain the following parameter: '{name}'.");

    public static AadException TenantNotFound(string tenant) => new(400, "invalid_request", 90002,
        $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. " +
        "Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.");

    // /common and /organizations cannot name the tenant a client-credentials token is for.
    public static AadException NoTenant() => new(400, "invalid_request", 50059,
        "No tenant-identifying information found in either the request or implied by any provided credentials.");

    public static AadException UnsupportedGrantType(string grantType) => new(400, "unsupported_grant_type", 70003,
        $"The app requested an unsupported grant type '{grantType}'.");

    public static AadException InvalidScope(string scope) => new(400, "invalid_scope", 70011,
        $"The provided value for the input parameter 'scope' is not valid. The scope '{scope}' is not valid. " +
        "Client credential flows must have a scope value with /.default suffixed to the resource identifier.");

    public static AadException UnknownClient(string clientId, string tenant) => new(400, "unauthorized_client", 700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application " +
        "has not been installed by the administrator of the tenant or consented to by any user in the tenant. " +
        "You may have sent your authentication request to the wrong tenant.");

    public static AadException MissingCredential() => new(401, "invalid_client", 7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");

    public static AadException InvalidSecret(string clientId) => new(401, "invalid_client", 7000215,
        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, " +
        $"not the client secret ID, for a secret added to app '{clientId}'.");

    public static AadException InvalidAssertionType() => new(400, "invalid_request", 900144,
        "The request body must contain the following parameter: 'client_assertion_type' with the value " +
        "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.");

    public static AadException MalformedAssertion() => new(401, "invalid_client", 50027,
        "JWT token is invalid or malformed.");

    public static AadException KeyNotFound(string clientId, string? thumbprint) => new(401, "invalid_client", 700027,
        $"Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: " +
        $"'{thumbprint ?? "(none)"}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys " +
        $"for app Id '{clientId}'.]");

    public static AadException InvalidSignature(string clientId) => new(401, "invalid_client", 700027,
        $"Client assertion failed signature validation. [Reason - The provided signature value did not match the expected " +
        $"signature value., app Id '{clientId}']");

    public static AadException AssertionTimeRange(DateTime now, DateTime validFrom, DateTime validTo) => new(401, "invalid_client", 700024,
        $"Client assertion is not within its valid time range. Current time: {Iso(now)}, assertion valid from {Iso(validFrom)}, " +
        $"expiry time of assertion {Iso(validTo)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");

    // Published with AADSTS70002 in older responses; the emulator uses the specific code only.
    public static AadException AssertionAudience() => new(401, "invalid_client", 50012,
        "Client assertion audience claim does not match Realm issuer.");

    public static AadException AssertionSubject(string clientId) => new(401, "invalid_client", 50012,
        $"Client assertion application identifier doesn't match 'client_id' parameter '{clientId}' (iss and sub must both be the client id).");

    private static string Iso(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
