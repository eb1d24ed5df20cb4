namespace GraphEmulator;

/// <summary>
/// The segments under /users/{key} that the emulator serves (graph-facts §9, §10): revokeSignInSessions (unqualified, as
/// the .NET SDK sends it, or microsoft.graph.-qualified, as the OpenAPI names it) and
/// authentication/temporaryAccessPassMethods[/{id}]. Segments compare without regard to case, as Graph's do. Anything
/// else under a user stays "Resource not found for the segment" on its first segment.
/// </summary>
internal static class UserActionPaths
{
    private const string Revoke = "revokeSignInSessions";
    private const string QualifiedRevoke = "microsoft.graph.revokeSignInSessions";
    private const string Authentication = "authentication";
    private const string TemporaryAccessPassMethods = "temporaryAccessPassMethods";

    /// <summary>
    /// The route for <paramref name="user"/> (a /users/{key} route, possibly carrying its own key error, e.g. a key
    /// that begins with '$') followed by the decoded <paramref name="rest"/> segments.
    /// </summary>
    public static GraphRoute Parse(GraphRoute user, IReadOnlyList<string> rest)
    {
        GraphRoute For(GraphRouteKind kind, string? methodId = null) => new(kind, user.Key, user.Error, MethodId: methodId);

        if (rest.Count == 1 && (Is(rest[0], Revoke) || Is(rest[0], QualifiedRevoke)))
        {
            return For(GraphRouteKind.RevokeSignInSessions);
        }

        if (rest.Count >= 2 && Is(rest[0], Authentication) && Is(rest[1], TemporaryAccessPassMethods))
        {
            switch (rest.Count)
            {
                case 2:
                    return For(GraphRouteKind.TemporaryAccessPassMethods);
                case 3 when rest[2] == "$count":
                    // Declared in the OpenAPI subset but not served: a user holds at most one pass (graph-facts §10).
                    return new GraphRoute(GraphRouteKind.Invalid, Error: GraphErrors.BadRequest(
                        "The Graph emulator does not serve temporaryAccessPassMethods/$count; list the collection (at most one pass)."));
                case 3:
                    return For(GraphRouteKind.TemporaryAccessPassMethod, rest[2]);
                default:
                    return new GraphRoute(GraphRouteKind.Invalid, Error: GraphErrors.SegmentNotFound(rest[3]));
            }
        }

        return new GraphRoute(GraphRouteKind.Invalid, Error: GraphErrors.SegmentNotFound(rest[0]));
    }

    /// <summary>True for the routes under a user that <see cref="UserActionRoutes"/> answers.</summary>
    public static bool IsUserAction(GraphRouteKind kind) =>
        kind is GraphRouteKind.RevokeSignInSessions or GraphRouteKind.TemporaryAccessPassMethods or GraphRouteKind.TemporaryAccessPassMethod;

    private static bool Is(string segment, string name) => segment.Equals(name, StringComparison.OrdinalIgnoreCase);
}
