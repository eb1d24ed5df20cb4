using System;

namespace PasswordReset.Graph
{
    /// <summary>Graph root and Entra ID authority of each national cloud.</summary>
    public static class GraphEnvironments
    {
        /// <summary>The Graph root (no version segment), e.g. <c>https://graph.microsoft.com</c>. It is also the token audience.</summary>
        public static Uri GraphRoot(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.Global => new Uri("https://graph.microsoft.com"),
            GraphEnvironment.USGov => new Uri("https://graph.microsoft.us"),
            GraphEnvironment.USGovDoD => new Uri("https://dod-graph.microsoft.us"),
            GraphEnvironment.China => new Uri("https://microsoftgraph.chinacloudapi.cn"),
            _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, null),
        };

        /// <summary>The Entra ID sign-in authority, e.g. <c>https://login.microsoftonline.com</c>.</summary>
        public static Uri Authority(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.Global => new Uri("https://login.microsoftonline.com"),
            GraphEnvironment.USGov => new Uri("https://login.microsoftonline.us"),
            GraphEnvironment.USGovDoD => new Uri("https://login.microsoftonline.us"),
            GraphEnvironment.China => new Uri("https://login.chinacloudapi.cn"),
            _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, null),
        };

        /// <summary>The OAuth scope that asks for every permission granted to Graph in that cloud: <c>{root}/.default</c>.</summary>
        public static string DefaultScope(GraphEnvironment environment) => GraphRoot(environment).GetLeftPart(UriPartial.Authority) + "/.default";
    }
}
