namespace GraphEmulator;

/// <summary>One structural property of microsoft.graph.user, from the contract's property table.</summary>
internal sealed record UserProperty(
    string Name,
    string Type,
    bool Nullable,
    bool ReadOnly,
    IReadOnlySet<string> FilterOperators,
    bool OrderBy,
    bool Search)
{
    public bool IsCollection => Type.StartsWith("Collection(", StringComparison.Ordinal);

    /// <summary>The type, or for a collection its element type.</summary>
    public string ElementType => IsCollection ? Type["Collection(".Length..^1] : Type;

    public bool IsString => Type == "string";

    public bool AllowsFilter(string op) => FilterOperators.Contains(op);
}
