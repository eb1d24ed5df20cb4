namespace GraphEmulator;

internal enum GraphRouteKind
{
    Users,
    UsersCount,
    User,

    /// <summary>/$batch (graph-facts §5).</summary>
    Batch,

    /// <summary>/users/{key}/revokeSignInSessions, also microsoft.graph.-qualified (graph-facts §9).</summary>
    RevokeSignInSessions,

    /// <summary>/users/{key}/authentication/temporaryAccessPassMethods: list, create (graph-facts §10).</summary>
    TemporaryAccessPassMethods,

    /// <summary>/users/{key}/authentication/temporaryAccessPassMethods/{id}: get, delete (<see cref="GraphRoute.MethodId"/>).</summary>
    TemporaryAccessPassMethod,
    Invalid,
}

/// <summary>What a /v1.0 request addresses, decided from the raw request target only.</summary>
/// <param name="ByUserPrincipalName">The alternate-key form users(userPrincipalName='…'): the key is a UPN only, never an id.</param>
/// <param name="MethodId">The authentication method id of <see cref="GraphRouteKind.TemporaryAccessPassMethod"/>, decoded once.</param>
internal sealed record GraphRoute(GraphRouteKind Kind, string? Key = null, GraphException? Error = null, bool ByUserPrincipalName = false, string? MethodId = null)
{
    public static GraphRoute? Of(HttpContext context) => GraphExchange.Find(context)?.Route;
}
