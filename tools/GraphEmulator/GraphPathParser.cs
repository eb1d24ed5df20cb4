using System.Text;

namespace GraphEmulator;

/// <summary>
/// Turns the raw request target of a /v1.0 request into a <see cref="GraphRoute"/>.
/// Works on the target exactly as received (percent-encoding intact) so a key is decoded exactly
/// once: the SDK sends /users/adele%40contoso.com, /users/a_b.com%23EXT%23%40x, /users/o%27neil%40x,
/// /users(userPrincipalName='adele%40contoso.com') (graph-facts §3).
/// </summary>
internal static class GraphPathParser
{
    public const string VersionSegment = "v1.0";

    public static GraphRoute Parse(string rawTarget)
    {
        var path = PathOf(rawTarget);
        var segments = path.Split('/').Skip(1).ToList(); // leading '/' gives an empty first entry
        if (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1); // tolerate one trailing slash
        }

        if (segments.Count < 2)
        {
            return Invalid(GraphErrors.SegmentNotFound(segments.Count == 1 ? Decode(segments[0]) : string.Empty));
        }

        var first = Decode(segments[1]);
        if (first == "$batch" && segments.Count == 2)
        {
            return new GraphRoute(GraphRouteKind.Batch);
        }

        if (first.Equals("users", StringComparison.OrdinalIgnoreCase))
        {
            return segments.Count switch
            {
                2 => new GraphRoute(GraphRouteKind.Users),
                3 => PlainKey(Decode(segments[2])),
                _ => UserActionPaths.Parse(PlainKey(Decode(segments[2])), [.. segments.Skip(3).Select(Decode)]),
            };
        }

        if (first.StartsWith("users(", StringComparison.OrdinalIgnoreCase) && first.EndsWith(')'))
        {
            if (segments.Count > 2)
            {
                return Invalid(GraphErrors.SegmentNotFound(Decode(segments[2])));
            }

            var inner = first["users(".Length..^1];
            var key = ParenthesisedKey(inner);
            return key is null
                ? Invalid(GraphErrors.BadRequest($"Invalid key in segment '{first}'. String keys are quoted, with quotes inside doubled."))
                : new GraphRoute(GraphRouteKind.User, key, ByUserPrincipalName: inner.StartsWith("userPrincipalName=", StringComparison.OrdinalIgnoreCase));
        }

        return Invalid(GraphErrors.SegmentNotFound(first));
    }

    private static GraphRoute PlainKey(string key)
    {
        if (key == "$count")
        {
            return new GraphRoute(GraphRouteKind.UsersCount);
        }

        // graph-facts §3: only system query options may start with '$'; such UPNs need /users('$x@y').
        // Checked after decoding, so the SDK's %24 form is treated like a literal '$'.
        return key.StartsWith('$')
            ? new GraphRoute(GraphRouteKind.User, key, GraphErrors.BadRequest(
                $"Invalid object identifier '{key}'. A key that begins with '$' must be given as users('{key}')."))
            : new GraphRoute(GraphRouteKind.User, key);
    }

    /// <summary>'key' or userPrincipalName='key' (the OpenAPI alternate key); '' inside stands for '.</summary>
    private static string? ParenthesisedKey(string inner)
    {
        const string alternateKey = "userPrincipalName=";
        if (inner.StartsWith(alternateKey, StringComparison.OrdinalIgnoreCase))
        {
            inner = inner[alternateKey.Length..];
        }

        if (inner.Length < 2 || inner[0] != '\'' || inner[^1] != '\'')
        {
            return null;
        }

        var body = inner[1..^1];
        var key = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\'')
            {
                if (i + 1 >= body.Length || body[i + 1] != '\'')
                {
                    return null; // a lone quote ends the literal early: malformed
                }

                i++;
            }

            key.Append(body[i]);
        }

        return key.ToString();
    }

    private static string PathOf(string rawTarget)
    {
        var target = rawTarget;
        if (!target.StartsWith('/') && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
        {
            target = absolute.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        }

        var end = target.IndexOfAny(['?', '#']);
        return end < 0 ? target : target[..end];
    }

    private static string Decode(string segment) => Uri.UnescapeDataString(segment);

    private static GraphRoute Invalid(GraphException error) => new(GraphRouteKind.Invalid, Error: error);
}
