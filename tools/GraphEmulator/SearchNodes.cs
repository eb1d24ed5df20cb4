namespace GraphEmulator;

/// <summary>A parsed $search expression (graph-facts §4): quoted "property:text" clauses joined by AND/OR.</summary>
internal abstract record SearchNode;

/// <summary>One "property:text" clause, escapes already removed from <paramref name="Text"/>.</summary>
internal sealed record SearchClause(UserProperty Property, string Text) : SearchNode;

/// <summary>Two sub-expressions joined by AND (<paramref name="IsAnd"/>) or OR.</summary>
internal sealed record SearchBinary(bool IsAnd, SearchNode Left, SearchNode Right) : SearchNode;
