using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Evaluates a parsed $search (graph-facts §4), case-insensitive: displayName is tokenized (every
/// word of the clause text must be a prefix of some word of the name, or the whole text a prefix of
/// the name); other properties match like startsWith (for string collections: any item).
/// </summary>
internal sealed class SearchEvaluator
{
    private static readonly char[] WordSeparators = [' ', '-', '_', '.', '(', ')', ',', '@', '/', '\t'];

    public bool Matches(SearchNode node, JsonObject user) => node switch
    {
        SearchClause clause => ClauseMatches(clause, user),
        SearchBinary { IsAnd: true } and => Matches(and.Left, user) && Matches(and.Right, user),
        SearchBinary or => Matches(or.Left, user) || Matches(or.Right, user),
        _ => false,
    };

    private static bool ClauseMatches(SearchClause clause, JsonObject user)
    {
        var values = user[clause.Property.Name] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray items => items.OfType<JsonValue>().Select(i => i.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
            _ => new List<string>(),
        };

        return values.Any(value => value.StartsWith(clause.Text, StringComparison.OrdinalIgnoreCase) ||
            (clause.Property.Name == "displayName" && TokensMatch(clause.Text, value)));
    }

    private static bool TokensMatch(string text, string value)
    {
        var words = value.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        var wanted = text.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        return wanted.Length > 0 &&
            wanted.All(w => words.Any(word => word.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
    }
}
