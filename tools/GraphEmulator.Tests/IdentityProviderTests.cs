using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using GraphEmulator;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>
/// The emulator as Entra ID's token endpoint, driven by the real Azure.Identity credentials over HTTPS.
/// </summary>
public sealed class IdentityProviderTests(HttpsEmulatorFixture emulator) : IClassFixture<HttpsEmulatorFixture>
{
    private const string Graph = "https://graph.microsoft.com/.default";

    [Fact]
    public void Emulator_listens_on_https()
    {
        Assert.Equal("https", emulator.BaseUri.Scheme);
        Assert.Equal("127.0.0.1", emulator.BaseUri.Host);
    }

    [Fact]
    public async Task Client_secret_credential_gets_a_token_with_the_apps_roles_and_wids()
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);

        var jwt = new JsonWebToken(token.Token);
        Assert.Equal(HttpsEmulatorFixture.TenantId, jwt.GetPayloadValue<string>("tid"));
        Assert.Equal("https://graph.microsoft.com", jwt.Audiences.Single());
        Assert.Equal(HttpsEmulatorFixture.AppClientId, jwt.GetPayloadValue<string>("appid"));
        Assert.Equal(HttpsEmulatorFixture.AppClientId, jwt.GetPayloadValue<string>("azp"));
        Assert.Equal(HttpsEmulatorFixture.AppRoles, jwt.GetPayloadValue<string[]>("roles"));
        Assert.Equal([HttpsEmulatorFixture.UserAdministrator], jwt.GetPayloadValue<string[]>("wids"));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.InRange(token.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));

        using var users = await emulator.GetUsersAsync(token.Token);
        Assert.Equal(200, (int)users.StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_fails_with_AADSTS7000215()
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, "not-the-secret", emulator.SecretOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(credential));
        Assert.Contains("AADSTS7000215", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_certificate_credential_gets_a_token()
    {
        var credential = new ClientCertificateCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, emulator.AppCertificate, emulator.CertificateOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);
        var jwt = new JsonWebToken(token.Token);
        Assert.Equal(HttpsEmulatorFixture.AppRoles, jwt.GetPayloadValue<string[]>("roles"));

        var log = await IssuedAsync();
        Assert.Contains(log, e => (string?)e["jti"] == jwt.Id && (string?)e["credential"] == "certificate");
    }

    [Fact]
    public async Task Client_certificate_credential_reads_a_pem_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"app1-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, TestCertificates.ToPemWithKey(emulator.AppCertificate));
        try
        {
            var credential = new ClientCertificateCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, path, emulator.CertificateOptions());
            var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);
            Assert.Equal(HttpsEmulatorFixture.AppClientId, new JsonWebToken(token.Token).GetPayloadValue<string>("appid"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unregistered_certificate_fails_with_AADSTS700027()
    {
        var credential = new ClientCertificateCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, emulator.RogueCertificate, emulator.CertificateOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(credential));
        Assert.Contains("AADSTS700027", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://management.azure.com/.default")]
    [InlineData("https://graph.microsoft.com/User.Read.All")]
    public async Task Wrong_scope_fails_with_AADSTS70011(string scope)
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(credential, scope));
        Assert.Contains("AADSTS70011", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task National_cloud_scope_sets_the_audience()
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential, "https://graph.microsoft.us/.default");
        Assert.Equal("https://graph.microsoft.us", new JsonWebToken(token.Token).Audiences.Single());
    }

    [Fact]
    public async Task Unknown_tenant_fails_with_AADSTS90002()
    {
        var credential = new ClientSecretCredential(Guid.NewGuid().ToString(), HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(credential));
        Assert.Contains("AADSTS90002", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_client_fails_with_AADSTS700016()
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, Guid.NewGuid().ToString(), "x", emulator.SecretOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(credential));
        Assert.Contains("AADSTS700016", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_domain_works_as_the_tenant_segment()
    {
        var credential = new ClientSecretCredential(EmulatorFixture.Domain, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);
        Assert.Equal(HttpsEmulatorFixture.TenantId, new JsonWebToken(token.Token).GetPayloadValue<string>("tid"));
    }

    [Fact]
    public async Task A_second_tenant_serves_only_its_own_users()
    {
        var tenantB = Guid.NewGuid().ToString();
        var domainB = $"b{tenantB[..8]}.onmicrosoft.com";
        var clientB = Guid.NewGuid().ToString();
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tenants", $$"""{"tenantId":"{{tenantB}}","domain":"{{domainB}}","synthetic":3}""");
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/apps",
            $$"""{"clientId":"{{clientB}}","tenantId":"{{tenantB}}","displayName":"b","clientSecret":"b-secret","roles":["User.Read.All"]}""");

        var credential = new ClientSecretCredential(tenantB, clientB, "b-secret", emulator.SecretOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);
        Assert.Equal(tenantB, new JsonWebToken(token.Token).GetPayloadValue<string>("tid"));

        using var response = await emulator.GetUsersAsync(token.Token);
        Assert.Equal(200, (int)response.StatusCode);
        var users = (await EmulatorFixture.ReadJsonAsync(response))["value"]!.AsArray();
        Assert.Equal(3, users.Count);
        Assert.All(users, u => Assert.EndsWith("@" + domainB, (string)u!["userPrincipalName"]!, StringComparison.Ordinal));

        // The app of tenant B is unknown in the default tenant.
        var elsewhere = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, clientB, "b-secret", emulator.SecretOptions());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => HttpsEmulatorFixture.GraphTokenAsync(elsewhere));
        Assert.Contains("AADSTS700016", error.ToString(), StringComparison.Ordinal);

        // Control routes take ?tenantId=; the request log is per tenant.
        var user = await emulator.ControlAsync(HttpMethod.Get, $"/_emulator/users/synthetic00001@{domainB}?tenantId={tenantB}");
        Assert.Equal($"synthetic00001@{domainB}", (string)user["userPrincipalName"]!);
        var log = (await emulator.ControlAsync(HttpMethod.Get, $"/_emulator/requests?tenantId={tenantB}")).AsArray();
        Assert.Single(log);
        Assert.Equal(tenantB, (string)log[0]!["tenantId"]!);
        var defaultLog = (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/requests")).AsArray();
        Assert.DoesNotContain(defaultLog, e => (string?)e!["tenantId"] == tenantB);
    }

    [Fact]
    public async Task Token_for_a_tenant_the_emulator_does_not_host_is_401()
    {
        var token = (string)(await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens", $$"""{"tenantId":"{{Guid.NewGuid()}}"}"""))["access_token"]!;
        using var response = await emulator.GetUsersAsync(token, "/v1.0/users?$top=1&marker=unknown-tenant");
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("Invalid tenant.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Logged under the default tenant, so it stays visible.
        var log = (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/requests")).AsArray();
        var entry = Assert.Single(log, e => ((string?)e!["query"])?.Contains("marker=unknown-tenant", StringComparison.Ordinal) == true)!;
        Assert.Equal(HttpsEmulatorFixture.TenantId, (string)entry["tenantId"]!);
        Assert.Equal(401, (int)entry["status"]!);
    }

    [Fact]
    public async Task Revoke_all_revokes_earlier_tokens_only()
    {
        var before = await HttpsEmulatorFixture.GraphTokenAsync(
            new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions()));
        using (var ok = await emulator.GetUsersAsync(before.Token))
        {
            Assert.Equal(200, (int)ok.StatusCode);
        }

        var controlBefore = (string)(await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens"))["access_token"]!;
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens/revoke", """{"all":true}""");
        foreach (var earlier in new[] { before.Token, controlBefore })
        {
            using var revoked = await emulator.GetUsersAsync(earlier);
            Assert.Equal(401, (int)revoked.StatusCode);
            Assert.Contains("Access token has been revoked.", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A new credential (MSAL caches per credential) asks again and its token works.
        var after = await HttpsEmulatorFixture.GraphTokenAsync(
            new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions()));
        Assert.NotEqual(before.Token, after.Token);
        using var fresh = await emulator.GetUsersAsync(after.Token);
        Assert.Equal(200, (int)fresh.StatusCode);

        var control = (string)(await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens"))["access_token"]!;
        using var controlOk = await emulator.GetUsersAsync(control);
        Assert.Equal(200, (int)controlOk.StatusCode);
    }

    [Fact]
    public async Task Issued_token_log_records_requests_without_tokens_or_secrets()
    {
        var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
        var token = await HttpsEmulatorFixture.GraphTokenAsync(credential);
        var again = await HttpsEmulatorFixture.GraphTokenAsync(credential); // served from MSAL's cache
        Assert.Equal(token.Token, again.Token);
        var control = (string)(await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens", """{"appId":"control-app"}"""))["access_token"]!;

        var log = await IssuedAsync();
        var jti = new JsonWebToken(token.Token).Id;
        var entry = Assert.Single(log, e => (string?)e["jti"] == jti);
        Assert.Equal(HttpsEmulatorFixture.TenantId, (string)entry["tenantId"]!);
        Assert.Equal(HttpsEmulatorFixture.AppClientId, (string)entry["clientId"]!);
        Assert.Equal("client_credentials", (string)entry["grantType"]!);
        Assert.Equal("secret", (string)entry["credential"]!);
        Assert.False((bool)entry["claimsParameter"]!);
        Assert.True(DateTimeOffset.Parse((string)entry["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.Contains(log, e => (string?)e["credential"] == "control" && (string?)e["jti"] == new JsonWebToken(control).Id);

        var text = new JsonArray([.. log.Select(e => (JsonNode)e.DeepClone())]).ToJsonString();
        Assert.DoesNotContain(token.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpsEmulatorFixture.AppSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claims_parameter_is_recorded()
    {
        using var response = await PostTokenAsync(
            ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("client_secret", HttpsEmulatorFixture.AppSecret),
            ("scope", Graph), ("claims", """{"access_token":{"xms_cc":{"values":["cp1"]}}}"""));
        Assert.Equal(200, (int)response.StatusCode);
        var jti = new JsonWebToken((string)(await EmulatorFixture.ReadJsonAsync(response))["access_token"]!).Id;
        Assert.True((bool)(await IssuedAsync()).Single(e => (string?)e["jti"] == jti)["claimsParameter"]!);
    }

    [Fact]
    public async Task Token_response_has_entras_shape()
    {
        using var response = await PostTokenAsync(
            ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("client_secret", HttpsEmulatorFixture.AppSecret), ("scope", Graph));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal(3600, (int)body["ext_expires_in"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["access_token"]));
    }

    [Theory]
    [InlineData("client_id", 400, "invalid_request", 900144)]
    [InlineData("scope", 400, "invalid_request", 900144)]
    [InlineData("client_secret", 401, "invalid_client", 7000218)]
    [InlineData("grant_type", 400, "invalid_request", 900144)]
    public async Task Missing_parameter_is_refused(string missing, int status, string error, int code)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("client_secret", HttpsEmulatorFixture.AppSecret), ("scope", Graph),
        };
        fields.RemoveAll(f => f.Item1 == missing);
        using var response = await PostTokenAsync([.. fields]);
        await AssertAadErrorAsync(response, status, error, code);
    }

    [Fact]
    public async Task Other_grant_types_are_unsupported()
    {
        using var response = await PostTokenAsync(("grant_type", "password"), ("client_id", HttpsEmulatorFixture.AppClientId), ("username", "a"), ("password", "b"));
        await AssertAadErrorAsync(response, 400, "unsupported_grant_type", 70003);
    }

    [Fact]
    public async Task Client_credentials_on_common_is_refused()
    {
        using var response = await PostTokenAsync("common",
            ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("client_secret", HttpsEmulatorFixture.AppSecret), ("scope", Graph));
        await AssertAadErrorAsync(response, 400, "invalid_request", 50059);
    }

    [Fact]
    public async Task Expired_assertion_fails_with_AADSTS700024()
    {
        var assertion = Assertion(emulator.AppCertificate, TokenEndpoint(), DateTime.UtcNow.AddMinutes(-30), DateTime.UtcNow.AddMinutes(-20));
        using var response = await PostAssertionAsync(assertion);
        await AssertAadErrorAsync(response, 401, "invalid_client", 700024);
    }

    [Fact]
    public async Task Garbage_assertion_and_wrong_assertion_type_are_refused()
    {
        using (var garbage = await PostAssertionAsync("not-a-jwt"))
        {
            await AssertAadErrorAsync(garbage, 401, "invalid_client", 50027);
        }

        using var wrongType = await PostTokenAsync(
            ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("scope", Graph),
            ("client_assertion_type", "urn:example:other"), ("client_assertion", "x"));
        await AssertAadErrorAsync(wrongType, 400, "invalid_request", 900144);
    }

    [Fact]
    public async Task Assertion_for_another_audience_is_refused()
    {
        var assertion = Assertion(emulator.AppCertificate, "https://login.microsoftonline.com/common/oauth2/v2.0/token", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(10));
        using var response = await PostAssertionAsync(assertion);
        await AssertAadErrorAsync(response, 401, "invalid_client", 50012);
    }

    [Theory]
    [InlineData(false, false)] // x5t, endpoint
    [InlineData(true, false)] // x5t#S256 + PS256, endpoint with trailing slash
    [InlineData(false, true)] // x5t, v2.0 issuer form
    public async Task Hand_made_assertions_are_accepted(bool sha256, bool issuerForm)
    {
        var audience = issuerForm ? $"{emulator.BaseUri}{HttpsEmulatorFixture.TenantId}/v2.0" : TokenEndpoint() + (sha256 ? "/" : string.Empty);
        var assertion = Assertion(emulator.AppCertificate, audience, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(10), sha256);
        using var response = await PostAssertionAsync(assertion);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("dcd219dd-bc68-4b9b-bf0b-4a33a796be35")]
    [InlineData("M365x214355.onmicrosoft.com")]
    public async Task Discovery_document_names_the_tenant_and_its_endpoints(string tenant)
    {
        var document = await emulator.ControlAsync(HttpMethod.Get, $"/{tenant}/v2.0/.well-known/openid-configuration");
        var baseUri = emulator.BaseUri.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"{baseUri}/{HttpsEmulatorFixture.TenantId}/v2.0", (string)document["issuer"]!);
        Assert.Equal($"{baseUri}/{tenant}/oauth2/v2.0/token", (string)document["token_endpoint"]!);
        foreach (var name in new[] { "authorization_endpoint", "device_authorization_endpoint", "jwks_uri", "tenant_region_scope" })
        {
            Assert.False(string.IsNullOrEmpty((string?)document[name]), name);
        }
    }

    [Fact]
    public async Task Discovery_of_an_unknown_tenant_is_AADSTS90002()
    {
        using var response = await emulator.Client.GetAsync("/nowhere.example/v2.0/.well-known/openid-configuration");
        await AssertAadErrorAsync(response, 400, "invalid_request", 90002);
    }

    [Fact]
    public async Task Apps_are_listed_without_secrets()
    {
        var apps = (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/apps")).AsArray();
        var app = apps.Single(a => (string?)a!["clientId"] == HttpsEmulatorFixture.AppClientId)!;
        Assert.True((bool)app["hasSecret"]!);
        Assert.Equal(emulator.AppCertificate.Thumbprint, (string)app["certificates"]![0]!["thumbprint"]!);
        Assert.DoesNotContain(HttpsEmulatorFixture.AppSecret, apps.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_drops_added_tenants_and_keeps_apps()
    {
        var tenant = Guid.NewGuid().ToString();
        var client = Guid.NewGuid().ToString();
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tenants", $$"""{"tenantId":"{{tenant}}","domain":"r{{tenant[..8]}}.example","synthetic":1}""");
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/apps", $$"""{"clientId":"{{client}}","clientSecret":"s"}""");
        using (var conflict = await emulator.Client.PostAsync("/_emulator/apps", EmulatorFixture.Json($$"""{"clientId":"{{client}}"}""")))
        {
            Assert.Equal(409, (int)conflict.StatusCode);
        }

        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/reset");

        var tenants = (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/tenants")).AsArray();
        Assert.Equal([HttpsEmulatorFixture.TenantId], tenants.Select(t => (string?)t!["tenantId"]));
        var apps = (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/apps")).AsArray();
        Assert.Contains(apps, a => (string?)a!["clientId"] == client);
        Assert.Contains(apps, a => (string?)a!["clientId"] == HttpsEmulatorFixture.AppClientId);
        Assert.Empty((await emulator.ControlAsync(HttpMethod.Get, "/_emulator/tokens/issued")).AsArray());
    }

    private string TokenEndpoint() => $"{emulator.BaseUri}{HttpsEmulatorFixture.TenantId}/oauth2/v2.0/token";

    [Fact]
    public async Task Token_latency_holds_a_sign_in_until_the_client_gives_up_and_issues_nothing()
    {
        await emulator.ControlAsync(HttpMethod.Post, "/_emulator/latency", """{"tokenMs":60000}""");
        try
        {
            int issuedBefore = (await IssuedAsync()).Count;
            var credential = new ClientSecretCredential(HttpsEmulatorFixture.TenantId, HttpsEmulatorFixture.AppClientId, HttpsEmulatorFixture.AppSecret, emulator.SecretOptions());
            using var cancel = new CancellationTokenSource();
            var signIn = credential.GetTokenAsync(new TokenRequestContext([Graph]), cancel.Token).AsTask();
            await WaitForWaitingAsync(1);
            Assert.False(signIn.IsCompleted);

            // Graph requests are not held by tokenMs.
            using (var users = await emulator.GetUsersAsync((string)(await emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens"))["access_token"]!))
            {
                Assert.Equal(200, (int)users.StatusCode);
            }

            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signIn);
            await WaitForWaitingAsync(0);
            Assert.Equal(issuedBefore + 1, (await IssuedAsync()).Count); // only the control token above
        }
        finally
        {
            await emulator.ControlAsync(HttpMethod.Delete, "/_emulator/latency");
        }
    }

    /// <summary>Waits (bounded) until the emulator holds exactly <paramref name="count"/> token requests.</summary>
    private async Task WaitForWaitingAsync(int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((int)(await emulator.ControlAsync(HttpMethod.Get, "/_emulator/latency"))["tokenRequestsWaiting"]! == count) return;
            await Task.Delay(100);
        }

        Assert.Fail($"The emulator did not reach {count} waiting token request(s) within 30 s.");
    }

    private async Task<List<JsonObject>> IssuedAsync() =>
        [.. (await emulator.ControlAsync(HttpMethod.Get, "/_emulator/tokens/issued")).AsArray().Select(e => e!.AsObject())];

    private Task<HttpResponseMessage> PostTokenAsync(params (string Name, string Value)[] fields) =>
        PostTokenAsync(HttpsEmulatorFixture.TenantId, fields);

    private Task<HttpResponseMessage> PostTokenAsync(string tenant, params (string Name, string Value)[] fields) =>
        emulator.Client.PostAsync($"/{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    private Task<HttpResponseMessage> PostAssertionAsync(string assertion) => PostTokenAsync(
        ("grant_type", "client_credentials"), ("client_id", HttpsEmulatorFixture.AppClientId), ("scope", Graph),
        ("client_assertion_type", ClientAssertionValidator.AssertionType), ("client_assertion", assertion));

    private static string Assertion(X509Certificate2 certificate, string audience, DateTime notBefore, DateTime expires, bool sha256 = false)
    {
        // X509SecurityKey writes kid and x5t (SHA-1) itself; a bare RSA key lets the header carry only x5t#S256.
        SecurityKey key = sha256 ? new RsaSecurityKey(certificate.GetRSAPrivateKey()!) : new X509SecurityKey(certificate);
        var header = new Dictionary<string, object>();
        if (sha256)
        {
            header["x5t#S256"] = Base64UrlEncoder.Encode(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = HttpsEmulatorFixture.AppClientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = HttpsEmulatorFixture.AppClientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(key, sha256 ? SecurityAlgorithms.RsaSsaPssSha256 : SecurityAlgorithms.RsaSha256),
        });
    }

    private static async Task AssertAadErrorAsync(HttpResponseMessage response, int status, string error, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(error, (string)body["error"]!);
        Assert.StartsWith($"AADSTS{code}: ", (string)body["error_description"]!, StringComparison.Ordinal);
        Assert.Equal(code, (int)body["error_codes"]![0]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", (string)body["timestamp"]!);
        Assert.True(Guid.TryParse((string)body["trace_id"]!, out _));
        Assert.True(Guid.TryParse((string)body["correlation_id"]!, out _));
    }
}
