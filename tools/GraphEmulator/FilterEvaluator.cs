using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>
/// Evaluates a $filter tree (already accepted by <see cref="FilterValidator"/>) against one stored
/// user. String comparisons ignore case, as Graph's directory queries do; null only equals null.
/// </summary>
internal static class FilterEvaluator
{
    public static bool Matches(SingleValueNode filter, JsonObject user) => Evaluate(filter, user, null) is true;

    private static object? Evaluate(SingleValueNode node, JsonObject user, RangeValue? range)
    {
        switch (FilterNodes.Unwrap(node))
        {
            case ConstantNode constant:
                return Normalize(constant.Value);

            case SingleValuePropertyAccessNode access:
                return Read(user[access.Property.Name], access.Property.Type);

            case NonResourceRangeVariableReferenceNode variable when range is not null && variable.Name == range.Name:
                return range.Value;

            case BinaryOperatorNode binary:
                if (binary.OperatorKind == BinaryOperatorKind.And)
                {
                    return Evaluate(binary.Left, user, range) is true && Evaluate(binary.Right, user, range) is true;
                }

                if (binary.OperatorKind == BinaryOperatorKind.Or)
                {
                    return Evaluate(binary.Left, user, range) is true || Evaluate(binary.Right, user, range) is true;
                }

                var left = Evaluate(binary.Left, user, range);
                var right = Evaluate(binary.Right, user, range);
                return binary.OperatorKind switch
                {
                    BinaryOperatorKind.Equal => AreEqual(left, right),
                    BinaryOperatorKind.NotEqual => !AreEqual(left, right),
                    BinaryOperatorKind.GreaterThanOrEqual => Compare(left, right) is >= 0,
                    BinaryOperatorKind.LessThanOrEqual => Compare(left, right) is <= 0,
                    _ => throw new NotSupportedException($"Operator {binary.OperatorKind} passed validation unexpectedly."),
                };

            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                return Evaluate(not.Operand, user, range) is not true;

            case InNode { Right: CollectionConstantNode list } inNode:
                var value = Evaluate(inNode.Left, user, range);
                return list.Collection.Any(item => AreEqual(value, Normalize(item.Value)));

            case SingleValueFunctionCallNode call:
                var args = call.Parameters.Cast<SingleValueNode>().ToList();
                if (Evaluate(args[0], user, range) is not string text || Evaluate(args[1], user, range) is not string affix)
                {
                    return false;
                }

                return call.Name.Equals("startswith", StringComparison.OrdinalIgnoreCase)
                    ? text.StartsWith(affix, StringComparison.OrdinalIgnoreCase)
                    : text.EndsWith(affix, StringComparison.OrdinalIgnoreCase);

            case AnyNode { Source: CollectionPropertyAccessNode source } any:
                return user[source.Property.Name] is JsonArray items && items.Any(item =>
                    Evaluate(any.Body, user, new RangeValue(any.CurrentRangeVariable.Name, Read(item, source.ItemType))) is true);

            default:
                throw new NotSupportedException($"Filter node {node.Kind} passed validation unexpectedly.");
        }
    }

    private static object? Read(JsonNode? node, IEdmTypeReference type)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return value.GetValue<decimal>();
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return type.IsDateTimeOffset() && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                    ? when
                    : text;
            default:
                return null;
        }
    }

    private static object? Normalize(object? value) => value switch
    {
        DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        int or long or short or byte or double or float => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static bool AreEqual(object? left, object? right) =>
        left is null || right is null ? left is null && right is null : Compare(left, right) == 0;

    /// <summary>Null when the values cannot be ordered (a null or mixed types).</summary>
    private static int? Compare(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        (bool a, bool b) => a.CompareTo(b),
        (decimal a, decimal b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        _ => null,
    };

    private sealed record RangeValue(string Name, object? Value);
}
