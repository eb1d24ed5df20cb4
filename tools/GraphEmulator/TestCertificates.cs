using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator;

/// <summary>
/// Test-only certificates made with .NET alone (no openssl): a CA, a loopback server certificate it
/// signs, and self-signed client certificates for app registrations (Entra accepts self-signed
/// certificates as app credentials). tests/New-TestCertificates.ps1 follows the same recipe, so the
/// files it writes and the certificates xunit makes in memory have the same shape.
/// </summary>
internal static class TestCertificates
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>A self-signed CA (basic constraints CA=true, may sign certificates), valid 10 years.</summary>
    public static X509Certificate2 CreateCertificateAuthority(string name = "Graph Emulator Test CA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    /// <summary>A TLS server certificate for 127.0.0.1 and localhost (serverAuth EKU) signed by <paramref name="authority"/>.</summary>
    public static X509Certificate2 CreateServerCertificate(X509Certificate2 authority)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));

        var now = DateTimeOffset.UtcNow;
        var notAfter = authority.NotAfter.ToUniversalTime() < now.AddYears(2).UtcDateTime ? new DateTimeOffset(authority.NotAfter) : now.AddYears(2);
        using var signed = request.Create(authority, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A self-signed client certificate (clientAuth EKU) to register on an app, valid 2 years.</summary>
    public static X509Certificate2 CreateClientCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
    }

    /// <summary>PEM with the certificate and its unencrypted PKCS#8 private key (what ClientCertificateCredential reads from a .pem path).</summary>
    public static string ToPemWithKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA private key.");
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>
    /// A copy whose private key can be used by SslStream / Kestrel on every platform (an ephemeral key
    /// from CertificateRequest cannot always be, so it goes through PKCS#12 once).
    /// </summary>
    public static X509Certificate2 Reload(X509Certificate2 certificate, string password = "test") =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx, password), password, X509KeyStorageFlags.Exportable);
}
