namespace GraphEmulator;

/// <summary>
/// Bearer-token check for /v1.0 (never for /_emulator). Failures answer 401
/// InvalidAuthenticationToken with Graph's WWW-Authenticate challenge (no claims parameter). A valid
/// token whose tid is no tenant of this emulator is refused too: Graph only serves a token's own tenant.
/// </summary>
internal sealed class GraphAuthentication(TokenService tokens, TenantDirectory tenants)
{
    private const string Challenge =
        "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", " +
        "client_id=\"00000003-0000-0000-c000-000000000000\"";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var token = BearerToken(context.Request.Headers.Authorization.ToString());
        if (token.Length == 0)
        {
            await RejectAsync(context, "Access token is empty.").ConfigureAwait(false);
            return;
        }

        var (caller, error) = await tokens.ValidateAsync(token).ConfigureAwait(false);
        if (caller is null)
        {
            await RejectAsync(context, error ?? "Access token validation failure.").ConfigureAwait(false);
            return;
        }

        if (tenants.Find(caller.TenantId) is null)
        {
            // Emulator wording (Graph's text for this case is not documented).
            await RejectAsync(context, "Access token validation failure. Invalid tenant.").ConfigureAwait(false);
            return;
        }

        caller.AttachTo(context);
        await next(context).ConfigureAwait(false);
    }

    public static string BearerToken(string header)
    {
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : string.Empty;
    }

    private static Task RejectAsync(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = Challenge;
        return GraphErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", message);
    }
}
