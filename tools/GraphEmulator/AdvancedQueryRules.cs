namespace GraphEmulator;

/// <summary>
/// graph-facts §4 "Advanced queries": $search needs the header ConsistencyLevel: eventual;
/// ne, not, endsWith, $count=true and $filter together with $orderby need the header and $count=true;
/// /users/$count needs the header. Otherwise 400 Request_UnsupportedQuery.
/// </summary>
internal static class AdvancedQueryRules
{
    // graph-error-samples "search-without-consistencylevel-400" (documented).
    public const string SearchMessage =
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

    // Emulator wording: Microsoft documents no message for $count without the header.
    public const string CountMessage =
        "$count is not supported because the required parameters might be missing. Try adding ConsistencyLevel:eventual header. " +
        "Refer to https://aka.ms/graph-docs/advanced-queries for more information";

    // Graph's message for $orderby it cannot serve (reported, not documented); also used in UserQueryParser.
    public const string SortingMessage = "Sorting not supported for current query.";

    // Checked in this order, so the message names the first of them the query uses.
    private static readonly string[] AdvancedOperators = ["endsWith", "ne", "not"];

    // graph-error-samples "advanced-operator-without-count-400" (documented, with the operator substituted).
    public static string OperatorMessage(string op) =>
        $"Operator '{op}' is not supported because the required parameters might be missing. Try adding $count=true query parameter " +
        "and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information";

    public static void Enforce(QueryAnalysis analysis)
    {
        var eventual = string.Equals(analysis.ConsistencyLevel?.Trim(), "eventual", StringComparison.OrdinalIgnoreCase);
        if (analysis.HasSearch && !eventual)
        {
            throw GraphErrors.UnsupportedQuery(SearchMessage);
        }

        if (analysis.IsCountSegment)
        {
            // /users/$count is itself the count: the header is enough for any filter on it.
            if (!eventual)
            {
                throw GraphErrors.UnsupportedQuery(CountMessage);
            }

            return;
        }

        var advancedParameters = eventual && analysis.HasCount;
        var op = AdvancedOperators.FirstOrDefault(analysis.FilterOperators.Contains);
        if (op is not null && !advancedParameters)
        {
            throw GraphErrors.UnsupportedQuery(OperatorMessage(op));
        }

        if (analysis.HasCount && !eventual)
        {
            throw GraphErrors.UnsupportedQuery(CountMessage);
        }

        if (analysis.HasFilter && analysis.HasOrderBy && !advancedParameters)
        {
            throw GraphErrors.UnsupportedQuery(SortingMessage);
        }
    }
}
