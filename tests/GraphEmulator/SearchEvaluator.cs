using System.Text.Json.Nodes;
using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>
/// Lenient $search (graph-facts §4): clauses "property:text" joined by AND/OR (NOT also accepted).
/// displayName is matched by word prefix (tokenized), other string properties by prefix; all
/// case-insensitive. A clause without "property:" searches displayName.
/// </summary>
internal sealed class SearchEvaluator(UserPropertyCatalog catalog)
{
    public void Validate(SingleValueNode node)
    {
        switch (node)
        {
            case SearchTermNode term:
                _ = Term(term.Text);
                break;
            case BinaryOperatorNode binary:
                Validate(binary.Left);
                Validate(binary.Right);
                break;
            case UnaryOperatorNode unary:
                Validate(unary.Operand);
                break;
            default:
                throw GraphErrors.UnsupportedQuery("Unsupported $search expression.");
        }
    }

    public bool Matches(SingleValueNode node, JsonObject user) => node switch
    {
        SearchTermNode term => TermMatches(term.Text, user),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Matches(and.Left, user) && Matches(and.Right, user),
        BinaryOperatorNode or => Matches(or.Left, user) || Matches(or.Right, user),
        UnaryOperatorNode not => !Matches(not.Operand, user),
        _ => false,
    };

    private bool TermMatches(string text, JsonObject user)
    {
        var (property, value) = Term(text);
        if (user[property.Name] is not JsonValue stored || !stored.TryGetValue<string>(out var content))
        {
            return false;
        }

        if (content.StartsWith(value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return property.Name == "displayName" &&
            content.Split([' ', '-', '_', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
                .Any(word => word.StartsWith(value, StringComparison.OrdinalIgnoreCase));
    }

    private (UserProperty Property, string Value) Term(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? "displayName" : text[..colon];
        if (!catalog.TryGet(name, out var property) || !property.IsString)
        {
            throw GraphErrors.UnsupportedQuery($"Unsupported or invalid search clause specified for property '{name}' of resource 'User'.");
        }

        return (property, colon < 0 ? text : text[(colon + 1)..]);
    }
}
