using System.Net;
using System.Text;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Emulator faults found by trying to break it, each pinned by a test.</summary>
public sealed class BreakItRegressionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public BreakItRegressionTests(EmulatorFixture emulator) => _emulator = emulator;

    [Theory]
    [InlineData("aboutMe")]
    [InlineData("skills,mailboxSettings")]
    public async Task PropertiesOnlyForOneUserAre501OnTheCollection(string select)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v1.0/users?$select={select}&$top=1");
        Assert.Equal((HttpStatusCode)501, response.StatusCode);
    }

    [Fact]
    public async Task TheAlternateKeyMatchesUserPrincipalNamesOnly()
    {
        using var byId = await SendAsync(HttpMethod.Get, "/v1.0/users(userPrincipalName='6e7b768e-07e2-4810-8459-485f84f8f204')");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        using var byUpn = await SendAsync(HttpMethod.Get, "/v1.0/users(userPrincipalName='Adams%40M365x214355.onmicrosoft.com')");
        Assert.Equal(HttpStatusCode.OK, byUpn.StatusCode);
    }

    [Fact]
    public async Task SubdomainsOfAFederatedDomainAreFederated()
    {
        var client = _emulator.Client;
        (await client.PostAsync("/_emulator/settings", Json("{\"federatedDomains\":[\"fabrikam.com\"]}"))).Dispose();
        (await client.PostAsync("/_emulator/users", Json("{\"userPrincipalName\":\"sub@sub.fabrikam.com\",\"displayName\":\"Sub\"}"))).Dispose();
        try
        {
            using var response = await SendAsync(HttpMethod.Patch, "/v1.0/users/sub%40sub.fabrikam.com",
                "{\"passwordProfile\":{\"password\":\"Tr1cky-Horse-Battery\",\"forceChangePasswordNextSignIn\":true}}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("federated", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            (await client.PostAsync("/_emulator/reset", null)).Dispose();
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null) => _emulator.SendAsync(method, path, body);
}
