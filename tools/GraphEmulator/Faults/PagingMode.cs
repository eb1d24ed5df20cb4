namespace GraphEmulator;

/// <summary>How GET /users pages (graph-facts §4); the two misbehaving modes exist to test that clients' paging loops end.</summary>
internal enum PagingMode
{
    /// <summary>As Graph: @odata.nextLink while more items remain.</summary>
    Normal,

    /// <summary>Every page carries a next link back to the page just served, so the links repeat forever.</summary>
    Repeat,

    /// <summary>Every page, even an empty one past the end, carries a fresh next link (a new $skiptoken each time).</summary>
    Endless,
}
