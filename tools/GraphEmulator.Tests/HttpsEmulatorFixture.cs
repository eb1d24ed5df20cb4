using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>
/// An in-process emulator over HTTPS acting as the Entra ID identity provider, with certificates made in
/// memory (same recipe as tests/New-TestCertificates.ps1) and one app registered at start. Clients trust the
/// test CA by validating the server's chain against it as a custom root (proper validation, no bypass).
/// </summary>
public sealed class HttpsEmulatorFixture : IAsyncLifetime
{
    public const string AppClientId = "5b0b7f3e-4c1d-4e8a-9f2a-0c6d1e2f3a4b";
    public const string AppSecret = "app1-secret-value";
    public const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public const string TenantId = TokenService.DefaultTenantId;

    public static readonly string[] AppRoles = ["User.Read.All", "User-PasswordProfile.ReadWrite.All"];

    private RunningEmulator? _emulator;
    private X509Certificate2? _serverCertificate;

    public X509Certificate2 CertificateAuthority { get; } = TestCertificates.CreateCertificateAuthority();

    /// <summary>Registered on the app at start (with its private key, for the client side).</summary>
    public X509Certificate2 AppCertificate { get; } = TestCertificates.Reload(TestCertificates.CreateClientCertificate("app1"));

    /// <summary>Never registered.</summary>
    public X509Certificate2 RogueCertificate { get; } = TestCertificates.Reload(TestCertificates.CreateClientCertificate("rogue"));

    public Uri BaseUri => _emulator!.BaseUri;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using (var server = TestCertificates.CreateServerCertificate(CertificateAuthority))
        {
            _serverCertificate = TestCertificates.Reload(server);
        }

        var options = EmulatorOptions.WithDefaultFiles() with
        {
            HttpsCertificate = _serverCertificate,
            Apps =
            [
                new AppRegistration
                {
                    ClientId = AppClientId,
                    DisplayName = "app1",
                    ClientSecret = AppSecret,
                    Certificates = [Convert.ToBase64String(AppCertificate.RawData)],
                    Roles = AppRoles,
                    Wids = [UserAdministrator],
                },
            ],
        };
        _emulator = await EmulatorHost.StartAsync(options, CancellationToken.None);
        Client = new HttpClient(CreateHandler()) { BaseAddress = _emulator.BaseUri };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _serverCertificate?.Dispose();
        CertificateAuthority.Dispose();
        AppCertificate.Dispose();
        RogueCertificate.Dispose();
    }

    /// <summary>A handler that accepts the emulator's certificate only if it chains to the test CA and names the host.</summary>
    public HttpClientHandler CreateHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => ChainsToTestCa(certificate, errors),
    };

    public ClientSecretCredentialOptions SecretOptions() => Configure(new ClientSecretCredentialOptions());

    public ClientCertificateCredentialOptions CertificateOptions() => Configure(new ClientCertificateCredentialOptions());

    /// <summary>The Azure.Identity settings that point a credential at the emulator (toolchain-notes).</summary>
    public T Configure<T>(T options)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = BaseUri;
        options.Transport = new HttpClientTransport(CreateHandler());
        options.Retry.MaxRetries = 0;
        switch (options)
        {
            case ClientSecretCredentialOptions secret:
                secret.DisableInstanceDiscovery = true;
                break;
            case ClientCertificateCredentialOptions certificate:
                certificate.DisableInstanceDiscovery = true;
                break;
        }

        return options;
    }

    public static Task<AccessToken> GraphTokenAsync(TokenCredential credential, string scope = "https://graph.microsoft.com/.default") =>
        credential.GetTokenAsync(new TokenRequestContext([scope]), CancellationToken.None).AsTask();

    public Task<HttpResponseMessage> GetUsersAsync(string token, string path = "/v1.0/users?$top=999")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    public async Task<JsonNode> ControlAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : EmulatorFixture.Json(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private bool ChainsToTestCa(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a test CA publishes no CRL
        return chain.Build(certificate);
    }
}
