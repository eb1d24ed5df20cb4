using System.Net;
using Azure.Core;
using Azure.Identity;
using PasswordReset.Auth;
using PasswordReset.Graph;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

/// <summary>
/// The sign-in modes that cannot sign in here (browser, device code, managed identity) are checked by the options
/// they build; the app modes are exercised for real against the emulator in the Pester suite.
/// </summary>
public sealed class CredentialFactoryTests
{
    [Theory]
    [InlineData(GraphEnvironment.Global, "https://login.microsoftonline.com/", "https://graph.microsoft.com")]
    [InlineData(GraphEnvironment.USGov, "https://login.microsoftonline.us/", "https://graph.microsoft.us")]
    [InlineData(GraphEnvironment.USGovDoD, "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us")]
    [InlineData(GraphEnvironment.China, "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn")]
    public void InteractiveUsesTheCloudAuthorityTheGraphToolsClientLoopbackRedirectAndMemoryCache(GraphEnvironment environment, string authority, string graph)
    {
        var plan = CredentialFactory.Create(new SignInRequest { Mode = SignInMode.Interactive, TenantId = "contoso.onmicrosoft.com", Environment = environment });

        Assert.IsType<InteractiveBrowserCredential>(plan.Credential);
        var options = Assert.IsType<InteractiveBrowserCredentialOptions>(plan.Options);
        Assert.Equal("contoso.onmicrosoft.com", options.TenantId);
        Assert.Equal("14d82eec-204b-4c2f-b7e8-296a70dab67e", options.ClientId);
        Assert.Equal(authority, options.AuthorityHost.ToString());
        Assert.Equal(new Uri("http://localhost"), options.RedirectUri);
        Assert.Null(options.TokenCachePersistenceOptions);
        Assert.False(options.DisableInstanceDiscovery);
        Assert.Equal(new[] { graph + "/User.Read.All", graph + "/User-PasswordProfile.ReadWrite.All" }, plan.Scopes);
        Assert.True(plan.CanRefresh);
    }

    [Fact]
    public async Task DeviceCodeHandsTheMessageToTheHostAndHonoursClientScopesAndAuthorityOverride()
    {
        string? shown = null;
        var plan = CredentialFactory.Create(new SignInRequest
        {
            Mode = SignInMode.DeviceCode,
            TenantId = "dcd219dd-bc68-4b9b-bf0b-4a33a796be35",
            ClientId = "11111111-2222-3333-4444-555555555555",
            Scopes = new[] { "User.ReadWrite.All", "https://graph.microsoft.com/Directory.Read.All" },
            AuthorityHost = new Uri("https://127.0.0.1:5443"),
            DeviceCodeMessage = m => shown = m,
        });

        Assert.IsType<DeviceCodeCredential>(plan.Credential);
        var options = Assert.IsType<DeviceCodeCredentialOptions>(plan.Options);
        Assert.Equal("11111111-2222-3333-4444-555555555555", options.ClientId);
        Assert.Equal("https://127.0.0.1:5443/", options.AuthorityHost.ToString());
        Assert.True(options.DisableInstanceDiscovery);
        Assert.Null(options.TokenCachePersistenceOptions);
        Assert.Equal(new[] { "https://graph.microsoft.com/User.ReadWrite.All", "https://graph.microsoft.com/Directory.Read.All" }, plan.Scopes);

        await options.DeviceCodeCallback(DeviceCodeInfoFor("To sign in, use a web browser to open https://microsoft.com/devicelogin and enter the code ABC123."), CancellationToken.None);
        Assert.Contains("ABC123", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("22222222-3333-4444-5555-666666666666")]
    public void ManagedIdentityAsksForTheCloudDefaultScope(string? clientId)
    {
        var plan = CredentialFactory.Create(new SignInRequest { Mode = SignInMode.ManagedIdentity, ClientId = clientId, Environment = GraphEnvironment.USGov });
        Assert.IsType<ManagedIdentityCredential>(plan.Credential);
        var options = Assert.IsType<ManagedIdentityCredentialOptions>(plan.Options);
        Assert.Equal("https://login.microsoftonline.us/", options.AuthorityHost.ToString());
        Assert.Equal(new[] { "https://graph.microsoft.us/.default" }, plan.Scopes);
        string? id = typeof(ManagedIdentityCredentialOptions).GetProperty("ManagedIdentityId", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)?.GetValue(options)?.ToString();
        if (id != null && clientId != null) Assert.Contains(clientId, id, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppModesNeedTenantAndClient()
    {
        Assert.Throws<ArgumentException>(() => CredentialFactory.Create(new SignInRequest { Mode = SignInMode.ClientSecret, ClientId = "x" }));
        Assert.Throws<ArgumentException>(() => CredentialFactory.Create(new SignInRequest { Mode = SignInMode.Certificate, TenantId = "t" }));
        var env = CredentialFactory.Create(new SignInRequest { Mode = SignInMode.EnvironmentVariables, AuthorityHost = new Uri("https://127.0.0.1:5443") });
        var options = Assert.IsType<EnvironmentCredentialOptions>(env.Options);
        Assert.True(options.DisableInstanceDiscovery);
        Assert.Equal(new[] { "https://graph.microsoft.com/.default" }, env.Scopes);
    }

    [Fact]
    public void AnAccessTokenCannotBeRefreshed() =>
        Assert.False(CredentialFactory.ForAccessToken(DelegatedTokenCredential.Create((_, _) => new AccessToken("t", DateTimeOffset.MaxValue)), GraphEnvironment.Global).CanRefresh);

    [Fact]
    public async Task A401IsRetriedOnceWithATokenTheCredentialFetchedAgainBypassingItsCache()
    {
        var credential = new CountingCredential();
        var plan = new CredentialPlanProbe(credential).Plan;
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has been revoked.\"}}")
               .Answer(HttpStatusCode.OK, "{\"id\":\"6e7b768e-07e2-4810-8459-485f84f8f204\",\"userPrincipalName\":\"a@b.c\"}");
        var connection = GraphConnectionFactory.Create(plan, GraphEnvironment.Global, new Uri("http://127.0.0.1:5080"), finalHandler: handler);

        var user = await new UserDirectory(connection).GetUserAsync("a@b.c", null, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("Bearer token-1", handler.Requests[0].Request.Headers.Authorization!.ToString());
        Assert.Equal("Bearer token-2", handler.Requests[1].Request.Headers.Authorization!.ToString());
        Assert.Equal(1, credential.CallsWithClaims);
        Assert.Equal(1, connection.TokenRefreshes);
        Assert.Equal("a@b.c", user.UserPrincipalName);
    }

    private static DeviceCodeInfo DeviceCodeInfoFor(string message)
    {
        // DeviceCodeInfo has no public constructor; Azure.Identity builds it from MSAL's result.
        var ctor = typeof(DeviceCodeInfo).GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .First(c => c.GetParameters().Length == 7);
        return (DeviceCodeInfo)ctor.Invoke(new object?[] { "ABC123", "device", new Uri("https://microsoft.com/devicelogin"), DateTimeOffset.UtcNow.AddMinutes(15), message, "client", Array.Empty<string>() });
    }

    /// <summary>Hands out token-1 until asked with claims (a forced refresh), then token-2.</summary>
    private sealed class CountingCredential : TokenCredential
    {
        private string _current = "token-1";
        public int CallsWithClaims;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(requestContext.Claims))
            {
                CallsWithClaims++;
                _current = "token-2";
            }

            return new AccessToken(_current, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>A refreshable plan around any credential (the factory only builds plans for real Azure.Identity credentials).</summary>
    private sealed class CredentialPlanProbe
    {
        public CredentialPlanProbe(TokenCredential credential)
        {
            var ctor = typeof(CredentialPlan).GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Single();
            Plan = (CredentialPlan)ctor.Invoke(new object?[] { credential, null, SignInMode.ClientSecret, new[] { "https://graph.microsoft.com/.default" }, true, null });
        }

        public CredentialPlan Plan { get; }
    }
}
