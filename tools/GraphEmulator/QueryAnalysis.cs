namespace GraphEmulator;

/// <summary>
/// What a collection query used, so the advanced-query rules of graph-facts §4 (ConsistencyLevel:
/// eventual + $count=true for ne, not, endsWith, $search, $count, $filter with $orderby) can be
/// enforced in one place (<see cref="AdvancedQueryRules"/>).
/// </summary>
internal sealed class QueryAnalysis
{
    private const string ItemKey = "GraphEmulator.QueryAnalysis";
    private readonly HashSet<string> _operators = new(StringComparer.Ordinal);

    /// <summary>Filter operators used: eq, ne, not, in, ge, le, startsWith, endsWith, any, and, or.</summary>
    public IReadOnlySet<string> FilterOperators => _operators;

    public bool HasFilter { get; set; }

    public bool HasSearch { get; set; }

    public bool HasCount { get; set; }

    public bool HasOrderBy { get; set; }

    public bool IsCountSegment { get; set; }

    /// <summary>The ConsistencyLevel request header as sent (null if absent).</summary>
    public string? ConsistencyLevel { get; set; }

    public bool IsAdvanced =>
        _operators.Contains("ne") || _operators.Contains("not") || _operators.Contains("endsWith") ||
        HasSearch || HasCount || IsCountSegment || (HasOrderBy && HasFilter);

    public static QueryAnalysis? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as QueryAnalysis : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    public void Use(string op) => _operators.Add(op);
}
