using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class AuthenticationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Path = "/v1.0/users?$top=1";

    private async Task<string> RejectedAsync(HttpRequestMessage request)
    {
        using var response = await emulator.Client.SendAsync(request);
        var message = await EmulatorFixture.AssertErrorAsync(response, 401, "InvalidAuthenticationToken");
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Equal(
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
            challenge);
        return message;
    }

    private async Task<string> RejectedAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await RejectedAsync(request);
    }

    [Fact]
    public async Task Missing_token_is_401()
    {
        Assert.Equal("Access token is empty.", await RejectedAsync(new HttpRequestMessage(HttpMethod.Get, Path)));
        Assert.Equal("Access token is empty.", await RejectedAsync(string.Empty));
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var expired = await emulator.IssueTokenAsync("""{"lifetimeSeconds":-600}""");
        Assert.Equal("Lifetime validation failed, the token is expired.", await RejectedAsync(expired));
    }

    [Fact]
    public async Task Token_signed_by_another_key_is_401()
    {
        using var stranger = new TokenService();
        var (forged, _) = stranger.Issue(new TokenRequest());
        Assert.Contains("signature", await RejectedAsync(forged), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_audience_and_garbage_are_401()
    {
        var wrongAudience = await emulator.IssueTokenAsync("""{"audience":"https://management.azure.com"}""");
        Assert.Equal("Access token validation failure. Invalid audience.", await RejectedAsync(wrongAudience));
        await RejectedAsync("not-a-jwt");
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/")]
    [InlineData("https://graph.microsoft.us")]
    [InlineData("https://dod-graph.microsoft.us/")]
    [InlineData("https://microsoftgraph.chinacloudapi.cn")]
    [InlineData("00000003-0000-0000-c000-000000000000")]
    public async Task National_cloud_audiences_are_accepted(string audience)
    {
        var token = await emulator.IssueTokenAsync($$"""{"audience":"{{audience}}","scp":"User.Read.All"}""");
        using var response = await emulator.GetAsync(Path, token);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Revoked_token_is_401_and_others_still_work()
    {
        var revoked = await emulator.IssueTokenAsync();
        var kept = await emulator.IssueTokenAsync();
        using (var revoke = await emulator.Client.PostAsync("/_emulator/tokens/revoke", EmulatorFixture.Json($$"""{"access_token":"{{revoked}}"}""")))
        {
            Assert.Equal(204, (int)revoke.StatusCode);
        }

        await RejectedAsync(revoked);
        using var ok = await emulator.GetAsync(Path, kept);
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Fact]
    public async Task Issued_token_carries_the_requested_claims()
    {
        using var tokens = new TokenService();
        var (token, expiresIn) = tokens.Issue(new TokenRequest { Scp = "User.Read.All User-PasswordProfile.ReadWrite.All", Wids = ["fe930be7-5e62-47db-91af-98c3a49a38b1"], Oid = "11111111-1111-1111-1111-111111111111" });
        Assert.Equal(3600, expiresIn);
        var (caller, error) = await tokens.ValidateAsync(token);
        Assert.Null(error);
        Assert.NotNull(caller);
        Assert.Empty(caller.Roles); // scp given, no roles: no default roles
        Assert.Equal(["User.Read.All", "User-PasswordProfile.ReadWrite.All"], caller.Scopes);
        Assert.Equal(["fe930be7-5e62-47db-91af-98c3a49a38b1"], caller.DirectoryRoleTemplateIds);
        Assert.Equal(TokenService.DefaultTenantId, caller.TenantId);
        Assert.Equal("11111111-1111-1111-1111-111111111111", caller.ObjectId);
        Assert.False(caller.IsAppOnly);
    }

    [Fact]
    public async Task Default_token_is_an_app_token_with_default_roles()
    {
        using var tokens = new TokenService();
        var (token, _) = tokens.Issue(new TokenRequest());
        var (caller, _) = await tokens.ValidateAsync(token);
        Assert.Equal(["User.Read.All", "User-PasswordProfile.ReadWrite.All"], caller!.Roles);
        Assert.True(caller.IsAppOnly);
        Assert.Equal(TokenService.DefaultAppId, caller.AppId);
    }

    [Fact]
    public async Task Control_surface_needs_no_token()
    {
        using var response = await emulator.Client.GetAsync("/_emulator/health");
        Assert.Equal(200, (int)response.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal("ok", (string)body["status"]!);
        Assert.Equal(42, (int)body["users"]!);
    }
}
