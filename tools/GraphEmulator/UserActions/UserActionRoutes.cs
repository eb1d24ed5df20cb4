namespace GraphEmulator;

/// <summary>
/// Answers the routes under a user (<see cref="UserActionPaths"/>): revokeSignInSessions and temporaryAccessPassMethods,
/// served from the tenant of the token's tid like <see cref="UserRoutes"/>, with the same error envelope.
/// </summary>
internal sealed class UserActionRoutes(TenantDirectory tenants, RevokeSignInSessionsRoute revoke, TemporaryAccessPassRoutes passes)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var route = GraphRoute.Of(context) ?? throw new InvalidOperationException("Route not resolved.");
            var caller = CallerIdentity.Of(context) ?? throw new InvalidOperationException("Caller not authenticated.");
            var tenant = tenants.Find(caller.TenantId) ?? throw new InvalidOperationException("Caller's tenant not resolved.");
            await (route.Kind == GraphRouteKind.RevokeSignInSessions
                ? revoke.HandleAsync(context, tenant, caller, route)
                : passes.HandleAsync(context, tenant, caller, route)).ConfigureAwait(false);
        }
        catch (GraphException error)
        {
            await GraphErrors.WriteAsync(context, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Only the exception type is reported: messages could echo request content.
            await GraphErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError",
                $"The Graph emulator failed: {ex.GetType().Name}.").ConfigureAwait(false);
        }
    }

    /// <summary>"{scheme}://{host}/v1.0/$metadata#{fragment}", as <see cref="UserProjection.Context"/> builds it for users.</summary>
    public static string Context(HttpRequest request, string fragment) => $"{request.Scheme}://{request.Host}/v1.0/$metadata#{fragment}";
}
