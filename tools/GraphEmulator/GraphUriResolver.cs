using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>
/// Case-insensitive resolver (Graph accepts displayname / startsWith / startswith alike) that
/// remembers a property the user type does not declare, so the parser's failure can be answered
/// with Graph's "Could not find a property named ..." rather than a generic syntax error.
/// </summary>
internal sealed class GraphUriResolver : ODataUriResolver
{
    public GraphUriResolver() => EnableCaseInsensitive = true;

    public string? UnknownProperty { get; private set; }

    public override IEdmProperty ResolveProperty(IEdmStructuredType type, string propertyName)
    {
        var property = base.ResolveProperty(type, propertyName);
        if (property is null && !type.IsOpen)
        {
            UnknownProperty ??= propertyName;
        }

        return property!;
    }
}
