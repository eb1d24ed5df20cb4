namespace PasswordReset.Graph.Batching
{
    /// <summary>One call inside one batch attempt, with the inner id it was given there (unique within the batch).</summary>
    internal readonly struct BatchItem
    {
        public BatchItem(string id, GraphCall call)
        {
            Id = id;
            Call = call;
        }

        public string Id { get; }

        public GraphCall Call { get; }
    }
}
