using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>
/// Decides whether a parsed $filter tree is one the emulator can evaluate faithfully, per the
/// property table's "Supports $filter (...)" lists (graph-facts §4). Anything else is rejected
/// with Request_UnsupportedQuery so a caller never gets an unfiltered list. Records the
/// operators used in <see cref="QueryAnalysis"/>.
/// </summary>
internal sealed class FilterValidator(UserPropertyCatalog catalog)
{
    public void Validate(SingleValueNode node, QueryAnalysis analysis) => Visit(node, negated: false, scope: null, analysis);

    private void Visit(SingleValueNode node, bool negated, LambdaScope? scope, QueryAnalysis analysis)
    {
        switch (FilterNodes.Unwrap(node))
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                analysis.Use(logical.OperatorKind == BinaryOperatorKind.And ? "and" : "or");
                Visit(logical.Left, negated, scope, analysis);
                Visit(logical.Right, negated, scope, analysis);
                break;

            case BinaryOperatorNode comparison:
                var op = comparison.OperatorKind switch
                {
                    BinaryOperatorKind.Equal => "eq",
                    BinaryOperatorKind.NotEqual => "ne",
                    BinaryOperatorKind.GreaterThanOrEqual => "ge",
                    BinaryOperatorKind.LessThanOrEqual => "le",
                    _ => null,
                };
                var property = PropertyAgainstConstant(comparison.Left, comparison.Right, scope)
                    ?? PropertyAgainstConstant(comparison.Right, comparison.Left, scope);
                if (op is null || property is null)
                {
                    throw Unsupported(comparison);
                }

                var isNull = FilterNodes.Unwrap(comparison.Left) is ConstantNode { Value: null } ||
                    FilterNodes.Unwrap(comparison.Right) is ConstantNode { Value: null };
                Require(property, op == "eq" && isNull ? "eq null" : op, negated, analysis);
                break;

            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                analysis.Use("not");
                Visit(not.Operand, negated: true, scope, analysis);
                break;

            case InNode inNode:
                var inProperty = PropertyOf(inNode.Left, scope);
                if (inProperty is null || inNode.Right is not CollectionConstantNode)
                {
                    throw Unsupported(inNode);
                }

                Require(inProperty, "in", negated, analysis);
                break;

            case SingleValueFunctionCallNode call when IsStringMatch(call.Name):
                var args = call.Parameters.OfType<SingleValueNode>().ToList();
                var matched = args.Count == 2 && call.Parameters.Count() == 2 && FilterNodes.Unwrap(args[1]) is ConstantNode { Value: string }
                    ? PropertyOf(args[0], scope)
                    : null;
                if (matched is null)
                {
                    throw Unsupported(call);
                }

                Require(matched, call.Name.Equals("startswith", StringComparison.OrdinalIgnoreCase) ? "startsWith" : "endsWith", negated, analysis);
                break;

            // otherMails/any(x:x eq '...'), proxyAddresses/any(x:startswith(x,'smtp:')): string collections only.
            case AnyNode { Source: CollectionPropertyAccessNode { Source: ResourceRangeVariableReferenceNode } source } any
                when scope is null && catalog.TryGet(source.Property.Name, out var collection) && collection.ElementType == "string":
                analysis.Use("any");
                Visit(any.Body, negated, new LambdaScope(any.CurrentRangeVariable.Name, collection), analysis);
                break;

            default:
                throw Unsupported(node);
        }
    }

    private void Require(UserProperty property, string op, bool negated, QueryAnalysis analysis)
    {
        var allowed = op switch
        {
            "eq" => property.AllowsFilter("eq") || property.AllowsFilter("eq including on null values"),
            "eq null" => property.AllowsFilter("eq on null values") || property.AllowsFilter("eq including on null values"),
            "in" => property.AllowsFilter("in") || property.AllowsFilter("eq"), // graph-facts §4: in wherever eq
            _ => property.AllowsFilter(op),
        };
        if (!allowed || (negated && !property.AllowsFilter("not")))
        {
            throw GraphErrors.UnsupportedFilter(property.Name);
        }

        analysis.Use(op == "eq null" ? "eq" : op);
    }

    private UserProperty? PropertyAgainstConstant(SingleValueNode maybeProperty, SingleValueNode maybeConstant, LambdaScope? scope) =>
        FilterNodes.Unwrap(maybeConstant) is ConstantNode ? PropertyOf(maybeProperty, scope) : null;

    /// <summary>A top-level user property, or inside a lambda its range variable (standing for the collection's items).</summary>
    private UserProperty? PropertyOf(SingleValueNode node, LambdaScope? scope) => FilterNodes.Unwrap(node) switch
    {
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } access
            when scope is null && catalog.TryGet(access.Property.Name, out var p) => p,
        NonResourceRangeVariableReferenceNode variable when scope is not null && variable.Name == scope.Variable => scope.Collection,
        _ => null,
    };

    private static bool IsStringMatch(string name) =>
        name.Equals("startswith", StringComparison.OrdinalIgnoreCase) || name.Equals("endswith", StringComparison.OrdinalIgnoreCase);

    private static GraphException Unsupported(QueryNode node) =>
        FilterNodes.FirstPropertyName(node) is { } name
            ? GraphErrors.UnsupportedFilter(name)
            : GraphErrors.UnsupportedQuery("Unsupported or invalid query filter clause specified.");

    private sealed record LambdaScope(string Variable, UserProperty Collection);
}
