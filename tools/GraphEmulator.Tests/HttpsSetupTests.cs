using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>
/// The HTTPS and app options of the command line, and the whole chain a script-driven run uses:
/// tests/New-TestCertificates.ps1 → the standalone emulator with --https-cert/--apps → Azure.Identity
/// reading app1.pem, trusting ca.pem.
/// </summary>
public sealed class HttpsSetupTests
{
    [Fact]
    public void Https_options_are_parsed_and_checked()
    {
        var folder = Directory.CreateTempSubdirectory("emulator-https-").FullName;
        try
        {
            using var ca = TestCertificates.CreateCertificateAuthority();
            using var server = TestCertificates.CreateServerCertificate(ca);
            var pfx = Path.Combine(folder, "server.pfx");
            File.WriteAllBytes(pfx, server.Export(X509ContentType.Pfx, "pw"));

            using var loaded = CommandLine.Parse(["--https-cert", pfx, "--https-cert-password", "pw"]).HttpsCertificate;
            Assert.NotNull(loaded);
            Assert.True(loaded.HasPrivateKey);
            Assert.Null(CommandLine.Parse([]).HttpsCertificate);

            var wrong = Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--https-cert", pfx, "--https-cert-password", "nope"]));
            Assert.DoesNotContain("nope", wrong.Message, StringComparison.Ordinal);
            Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--https-cert-password", "pw"]));
            Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--https-cert", Path.Combine(folder, "missing.pfx")]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Apps_file_is_read_and_checked()
    {
        var folder = Directory.CreateTempSubdirectory("emulator-apps-").FullName;
        try
        {
            var good = Path.Combine(folder, "apps.json");
            File.WriteAllText(good, """[{"clientId":"c1","clientSecret":"s","roles":["User.Read.All"],"tokenLifetimeSeconds":600}]""");
            var app = Assert.Single(CommandLine.Parse(["--apps", good]).Apps);
            Assert.Equal("c1", app.ClientId);
            Assert.Equal(600, app.TokenLifetimeSeconds);

            var bad = Path.Combine(folder, "bad.json");
            File.WriteAllText(bad, """[{"clientId":"c1","certificates":["not base64!"]}]""");
            Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--apps", bad]));
            File.WriteAllText(bad, """{"clientId":"c1"}""");
            Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--apps", bad]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Script_certificates_serve_a_standalone_emulator_to_Azure_Identity()
    {
        var root = RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("emulator-certs-").FullName;
        Process? emulator = null;
        try
        {
            await RunAsync(root, "dotnet", "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(root, "tests", "New-TestCertificates.ps1"), "-OutputFolder", folder, "-Password", "pfx-pw");
            foreach (var name in new[] { "ca.pem", "server.pfx", "app1.pfx", "app1.pem", "app1.cer", "rogue.pfx", "rogue.pem", "rogue.cer" })
            {
                Assert.True(File.Exists(Path.Combine(folder, name)), name);
            }

            using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));
            Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            using (var app1 = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "app1.pem")))
            using (var app1Cer = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "app1.cer")))
            using (var app1Pfx = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "app1.pfx"), "pfx-pw"))
            {
                Assert.True(app1.HasPrivateKey);
                Assert.Equal(app1Cer.Thumbprint, app1.Thumbprint);
                Assert.Equal(app1Pfx.Thumbprint, app1.Thumbprint);
            }

            var apps = Path.Combine(folder, "apps.json");
            var cer = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(folder, "app1.cer")));
            await File.WriteAllTextAsync(apps, $$"""[{"clientId":"{{HttpsEmulatorFixture.AppClientId}}","certificates":["{{cer}}"],"roles":["User.Read.All"]}]""");

            var dll = Path.Combine(AppContext.BaseDirectory, "GraphEmulator.dll");
            emulator = Start(root, "dotnet", dll, "--port", "0", "--https-cert", Path.Combine(folder, "server.pfx"), "--https-cert-password", "pfx-pw", "--apps", apps);
            var line = await emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var match = Regex.Match(line ?? string.Empty, @"^Graph emulator listening on (https://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line);
            var baseUri = new Uri(match.Groups[1].Value + "/");

            HttpClientHandler Handler() => new()
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(certificate);
                },
            };
            ClientCertificateCredentialOptions Options() => new()
            {
                AuthorityHost = baseUri,
                DisableInstanceDiscovery = true,
                Transport = new HttpClientTransport(Handler()),
                Retry = { MaxRetries = 0 },
            };

            var credential = new ClientCertificateCredential(TokenService.DefaultTenantId, HttpsEmulatorFixture.AppClientId, Path.Combine(folder, "app1.pem"), Options());
            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), CancellationToken.None);
            using var client = new HttpClient(Handler()) { BaseAddress = baseUri };
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/users/$count");
            request.Headers.Authorization = new("Bearer", token.Token);
            request.Headers.Add("ConsistencyLevel", "eventual");
            using var response = await client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);

            var rogue = new ClientCertificateCredential(TokenService.DefaultTenantId, HttpsEmulatorFixture.AppClientId, Path.Combine(folder, "rogue.pem"), Options());
            var error = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
                await rogue.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), CancellationToken.None));
            Assert.Contains("AADSTS700027", error.ToString(), StringComparison.Ordinal);

            var issued = JsonNode.Parse(await client.GetStringAsync("_emulator/tokens/issued"))!.AsArray();
            Assert.Equal(["certificate", "certificate"], issued.Select(e => (string?)e!["credential"]));
        }
        finally
        {
            if (emulator is not null)
            {
                emulator.Kill(entireProcessTree: true);
                await emulator.WaitForExitAsync();
                emulator.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "New-TestCertificates.ps1")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with tests/New-TestCertificates.ps1) not found above " + AppContext.BaseDirectory);
    }

    private static Process Start(string workingDirectory, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static async Task RunAsync(string workingDirectory, string file, params string[] arguments)
    {
        using var process = Start(workingDirectory, file, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output} {await errors}");
        Assert.DoesNotContain("PRIVATE KEY", await output, StringComparison.Ordinal);
    }
}
