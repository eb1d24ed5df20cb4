using PasswordReset.Graph;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class GraphEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/v1.0")]
    [InlineData("http://localhost:5080/", "http://localhost:5080/v1.0")]
    [InlineData("http://[::1]:5080/v1.0", "http://[::1]:5080/v1.0")]
    [InlineData("https://graph.contoso.test", "https://graph.contoso.test/v1.0")]
    public void AppendsTheVersion(string endpoint, string expected) =>
        Assert.Equal(expected, GraphEndpoint.ToServiceRoot(new Uri(endpoint)).ToString());

    [Theory]
    [InlineData("http://graph.contoso.test")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("https://graph.contoso.test/beta")]
    [InlineData("https://graph.contoso.test/?x=1")]
    public void RefusesUnsafeOrOddEndpoints(string endpoint) =>
        Assert.Throws<ArgumentException>(() => GraphEndpoint.ToServiceRoot(new Uri(endpoint)));

    [Theory]
    [InlineData("https://graph.contoso.test/?sig=S3cret")]
    [InlineData("https://graph.contoso.test/beta?sig=S3cret")]
    [InlineData("http://graph.contoso.test/#S3cret")]
    public void NeverRepeatsAQueryOrFragment(string endpoint)
    {
        var ex = Assert.Throws<ArgumentException>(() => GraphEndpoint.ToServiceRoot(new Uri(endpoint)));
        Assert.DoesNotContain("S3cret", ex.Message);
        Assert.DoesNotContain("S3cret", GraphEndpoint.Shown(new Uri(endpoint)));
        var authority = Assert.Throws<ArgumentException>(() => PasswordReset.Auth.CredentialFactory.ValidateAuthority(new Uri(endpoint)));
        Assert.DoesNotContain("S3cret", authority.Message);
    }

    [Theory]
    [InlineData(GraphEnvironment.Global, "https://graph.microsoft.com/", "https://login.microsoftonline.com/")]
    [InlineData(GraphEnvironment.USGov, "https://graph.microsoft.us/", "https://login.microsoftonline.us/")]
    [InlineData(GraphEnvironment.USGovDoD, "https://dod-graph.microsoft.us/", "https://login.microsoftonline.us/")]
    [InlineData(GraphEnvironment.China, "https://microsoftgraph.chinacloudapi.cn/", "https://login.chinacloudapi.cn/")]
    public void MapsNationalClouds(GraphEnvironment environment, string graph, string authority)
    {
        Assert.Equal(graph, GraphEnvironments.GraphRoot(environment).ToString());
        Assert.Equal(authority, GraphEnvironments.Authority(environment).ToString());
        Assert.Equal(graph + ".default", GraphEnvironments.DefaultScope(environment));
    }
}
