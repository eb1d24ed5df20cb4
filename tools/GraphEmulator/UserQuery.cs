using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>A parsed GET /users (or /users/$count) request.</summary>
internal sealed record UserQuery(
    IReadOnlyList<UserProperty>? Select,
    SingleValueNode? Filter,
    SearchNode? Search,
    IReadOnlyList<(UserProperty Property, bool Descending)> OrderBy,
    int Top,
    bool Count,
    int Offset,
    string Fingerprint,
    QueryAnalysis Analysis);
