using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>Small helpers over Microsoft.OData's filter node types.</summary>
internal static class FilterNodes
{
    /// <summary>Strips the type conversions the parser inserts (e.g. null converted to Edm.String).</summary>
    public static SingleValueNode Unwrap(SingleValueNode node)
    {
        while (node is ConvertNode convert)
        {
            node = convert.Source;
        }

        return node;
    }

    /// <summary>The first user property named anywhere in a subtree, for error messages.</summary>
    public static string? FirstPropertyName(QueryNode? node) => node switch
    {
        SingleValuePropertyAccessNode p => p.Property.Name,
        CollectionPropertyAccessNode c => c.Property.Name,
        SingleComplexNode c => c.Property.Name,
        CollectionComplexNode c => c.Property.Name,
        SingleValueOpenPropertyAccessNode o => FirstPropertyName(o.Source) ?? o.Name,
        ConvertNode c => FirstPropertyName(c.Source),
        BinaryOperatorNode b => FirstPropertyName(b.Left) ?? FirstPropertyName(b.Right),
        UnaryOperatorNode u => FirstPropertyName(u.Operand),
        InNode i => FirstPropertyName(i.Left) ?? FirstPropertyName(i.Right),
        SingleValueFunctionCallNode f => f.Parameters.Select(FirstPropertyName).FirstOrDefault(n => n is not null),
        LambdaNode l => FirstPropertyName(l.Source),
        CountNode c => FirstPropertyName(c.Source),
        _ => null,
    };
}
