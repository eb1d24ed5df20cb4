namespace GraphEmulator;

internal enum GraphRouteKind
{
    Users,
    UsersCount,
    User,
    Invalid,
}

/// <summary>What a /v1.0 request addresses, decided from the raw request target only.</summary>
/// <param name="ByUserPrincipalName">The alternate-key form users(userPrincipalName='…'): the key is a UPN only, never an id.</param>
internal sealed record GraphRoute(GraphRouteKind Kind, string? Key = null, GraphException? Error = null, bool ByUserPrincipalName = false)
{
    private const string ItemKey = "GraphEmulator.Route";

    public static GraphRoute? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as GraphRoute : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
