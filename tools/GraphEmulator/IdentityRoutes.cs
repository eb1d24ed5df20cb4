namespace GraphEmulator;

/// <summary>
/// The Entra ID identity-provider surface on the emulator's own host: discovery and the v2.0 token
/// endpoint. Azure.Identity reaches it with AuthorityHost = the emulator's https base address and
/// DisableInstanceDiscovery = true (toolchain-notes).
/// </summary>
internal static class IdentityRoutes
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", async (HttpContext context, string tenant, TokenEndpoint endpoint) =>
        {
            var baseUri = $"{context.Request.Scheme}://{context.Request.Host}";
            string issuerTenant;
            if (TokenEndpoint.IsMultiTenantAlias(tenant))
            {
                issuerTenant = "{tenantid}"; // as Entra: the issuer of a multi-tenant document is a template
            }
            else
            {
                try
                {
                    issuerTenant = endpoint.ResolveTenant(tenant).Id;
                }
                catch (AadException error)
                {
                    await AadErrors.WriteAsync(context, error).ConfigureAwait(false);
                    return;
                }
            }

            await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, OpenIdConfiguration.Build(baseUri, tenant, issuerTenant), JsonResponse.PlainContentType).ConfigureAwait(false);
        });

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context, string tenant, TokenEndpoint endpoint, Latency latency) =>
        {
            if (await latency.DelayTokenRequestAsync(context).ConfigureAwait(false))
            {
                await endpoint.HandleAsync(context, tenant).ConfigureAwait(false);
            }
        });
    }
}
