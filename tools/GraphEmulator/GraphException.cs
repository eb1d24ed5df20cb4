namespace GraphEmulator;

/// <summary>A Graph error to answer with; thrown by handlers and turned into the envelope by <see cref="GraphErrors"/>.</summary>
internal sealed class GraphException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
