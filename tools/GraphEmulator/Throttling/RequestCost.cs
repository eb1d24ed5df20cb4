namespace GraphEmulator;

/// <summary>
/// What one request costs against the identity-and-access buckets (graph-facts.md §6, Microsoft's
/// throttling-limits page, "identity and access service limits").
/// </summary>
/// <param name="ResourceUnits">Resource units charged, at least 1.</param>
/// <param name="Writes">Write-quota units charged: 1 for POST/PATCH/PUT/DELETE, 0 for reads.</param>
internal readonly record struct RequestCost(int ResourceUnits, int Writes)
{
    /// <summary>
    /// §6 cost table for the user resource: <c>GET /users</c> (the collection) 2 RU; any other GET (a user,
    /// <c>/users/$count</c>) 1 RU and no write; POST/PATCH/PUT/DELETE 1 RU and 1 write. Then <c>$select</c> −1,
    /// <c>$expand</c> +1, <c>$top</c> below 20 −1, never below 1 RU. Methods §6 does not name (HEAD, OPTIONS)
    /// are charged as reads (our choice).
    /// </summary>
    /// <param name="method">HTTP method, any case.</param>
    /// <param name="isUserCollection">True for <c>/users</c> itself (not <c>/users/{id}</c> or <c>/users/$count</c>).</param>
    /// <param name="hasSelect">The request has <c>$select</c>.</param>
    /// <param name="hasExpand">The request has <c>$expand</c>.</param>
    /// <param name="top">The <c>$top</c> value, or null when absent.</param>
    public static RequestCost For(string method, bool isUserCollection, bool hasSelect, bool hasExpand, int? top)
    {
        var isWrite = IsWrite(method);
        var units = isWrite ? 1 : isUserCollection ? 2 : 1;
        if (hasSelect)
        {
            units--;
        }

        if (hasExpand)
        {
            units++;
        }

        if (top < 20)
        {
            units--;
        }

        return new RequestCost(Math.Max(1, units), isWrite ? 1 : 0);
    }

    private static bool IsWrite(string method) =>
        HttpMethodIs(method, "POST") || HttpMethodIs(method, "PATCH") ||
        HttpMethodIs(method, "PUT") || HttpMethodIs(method, "DELETE");

    private static bool HttpMethodIs(string method, string name) =>
        string.Equals(method, name, StringComparison.OrdinalIgnoreCase);
}
