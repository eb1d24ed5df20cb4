using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The OpenID Connect discovery document of a tenant, shaped like Entra ID's
/// (https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration) with this host in
/// place of login.microsoftonline.com. For /common and /organizations the issuer keeps Entra's literal
/// "{tenantid}" placeholder.
/// </summary>
internal static class OpenIdConfiguration
{
    public static JsonObject Build(string baseUri, string tenantSegment, string issuerTenant) => new()
    {
        ["token_endpoint"] = $"{baseUri}/{tenantSegment}/oauth2/v2.0/token",
        ["token_endpoint_auth_methods_supported"] = Strings("client_secret_post", "private_key_jwt", "client_secret_basic"),
        ["jwks_uri"] = $"{baseUri}/{tenantSegment}/discovery/v2.0/keys",
        ["response_modes_supported"] = Strings("query", "fragment", "form_post"),
        ["subject_types_supported"] = Strings("pairwise"),
        ["id_token_signing_alg_values_supported"] = Strings("RS256"),
        ["response_types_supported"] = Strings("code", "id_token", "code id_token", "id_token token"),
        ["scopes_supported"] = Strings("openid", "profile", "email", "offline_access"),
        ["issuer"] = $"{baseUri}/{issuerTenant}/v2.0",
        ["request_uri_parameter_supported"] = false,
        ["userinfo_endpoint"] = $"{baseUri}/oidc/userinfo",
        ["authorization_endpoint"] = $"{baseUri}/{tenantSegment}/oauth2/v2.0/authorize",
        ["device_authorization_endpoint"] = $"{baseUri}/{tenantSegment}/oauth2/v2.0/devicecode",
        ["http_logout_supported"] = true,
        ["frontchannel_logout_supported"] = true,
        ["end_session_endpoint"] = $"{baseUri}/{tenantSegment}/oauth2/v2.0/logout",
        ["claims_supported"] = Strings("sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
            "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"),
        ["kerberos_endpoint"] = $"{baseUri}/{tenantSegment}/kerberos",
        ["tenant_region_scope"] = "EU",
        ["cloud_instance_name"] = "microsoftonline.com",
        ["cloud_graph_host_name"] = "graph.windows.net",
        ["msgraph_host"] = "graph.microsoft.com",
        ["rbac_url"] = "https://pas.windows.net",
    };

    private static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
