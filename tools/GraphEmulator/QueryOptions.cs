namespace GraphEmulator;

/// <summary>
/// The system query options of a request, names decoded and lower-cased: the SDK sends
/// %24select, %24filter, ... (graph-facts §3), and ASP.NET's query collection decodes names and values.
/// </summary>
internal sealed class QueryOptions
{
    private readonly Dictionary<string, string> _values;

    private QueryOptions(Dictionary<string, string> values) => _values = values;

    public static QueryOptions From(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (!name.StartsWith('$'))
            {
                continue; // not a system query option; Graph ignores unknown custom parameters
            }

            if (value.Count > 1)
            {
                throw GraphErrors.BadRequest($"Query option '{name}' was specified more than once, but it must be specified at most once.");
            }

            var key = name.ToLowerInvariant();
            if (!values.TryAdd(key, value.ToString()))
            {
                throw GraphErrors.BadRequest($"Query option '{name}' was specified more than once, but it must be specified at most once.");
            }
        }

        return new QueryOptions(values);
    }

    public IEnumerable<string> Names => _values.Keys;

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>A stable digest of every option but $skiptoken, so a skiptoken is tied to its query.</summary>
    public string Fingerprint()
    {
        var canonical = string.Join('&', _values.Where(kv => kv.Key != "$skiptoken").OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + kv.Value));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexString(hash, 0, 8);
    }
}
