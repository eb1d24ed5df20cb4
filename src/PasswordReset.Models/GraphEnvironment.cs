namespace PasswordReset.Graph
{
    /// <summary>The Microsoft Graph national clouds (graph-facts.md §7, learn.microsoft.com/graph/deployments).</summary>
    public enum GraphEnvironment
    {
        /// <summary>Global service (including Microsoft 365 GCC): graph.microsoft.com.</summary>
        Global,
        /// <summary>US Government L4 (GCC High): graph.microsoft.us.</summary>
        USGov,
        /// <summary>US Government L5 (DoD): dod-graph.microsoft.us.</summary>
        USGovDoD,
        /// <summary>China, operated by 21Vianet: microsoftgraph.chinacloudapi.cn.</summary>
        China,
    }
}
