namespace GraphEmulator;

internal enum GraphRouteKind
{
    Users,
    UsersCount,
    User,

    /// <summary>/$batch (graph-facts §5).</summary>
    Batch,
    Invalid,
}

/// <summary>What a /v1.0 request addresses, decided from the raw request target only.</summary>
/// <param name="ByUserPrincipalName">The alternate-key form users(userPrincipalName='…'): the key is a UPN only, never an id.</param>
internal sealed record GraphRoute(GraphRouteKind Kind, string? Key = null, GraphException? Error = null, bool ByUserPrincipalName = false)
{
    public static GraphRoute? Of(HttpContext context) => GraphExchange.Find(context)?.Route;
}
