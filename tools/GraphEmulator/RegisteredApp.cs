using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>A validated <see cref="AppRegistration"/> with its certificates parsed.</summary>
internal sealed class RegisteredApp
{
    private readonly byte[]? _secretHash;

    private RegisteredApp(AppRegistration registration, IReadOnlyList<X509Certificate2> certificates)
    {
        ClientId = registration.ClientId!;
        TenantId = registration.TenantId ?? TokenService.DefaultTenantId;
        DisplayName = registration.DisplayName ?? ClientId;
        Roles = registration.Roles ?? [];
        Wids = registration.Wids ?? [];
        TokenLifetimeSeconds = registration.TokenLifetimeSeconds ?? 3600;
        Certificates = certificates;

        // Only a hash of the secret is held, compared in constant time.
        _secretHash = string.IsNullOrEmpty(registration.ClientSecret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(registration.ClientSecret));
    }

    public string ClientId { get; }

    public string TenantId { get; }

    public string DisplayName { get; }

    public IReadOnlyList<string> Roles { get; }

    public IReadOnlyList<string> Wids { get; }

    public int TokenLifetimeSeconds { get; }

    public IReadOnlyList<X509Certificate2> Certificates { get; }

    public bool HasSecret => _secretHash is not null;

    public bool SecretMatches(string secret) =>
        _secretHash is not null && CryptographicOperations.FixedTimeEquals(_secretHash, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static RegisteredApp From(AppRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.ClientId))
        {
            throw new ArgumentException("\"clientId\" is required.");
        }

        if (registration.TokenLifetimeSeconds is <= 0)
        {
            throw new ArgumentException("\"tokenLifetimeSeconds\" must be positive.");
        }

        var certificates = new List<X509Certificate2>();
        foreach (var text in registration.Certificates ?? [])
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text)));
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                throw new ArgumentException("Every \"certificates\" entry must be a base64 DER certificate (the content of a .cer file).", ex);
            }
        }

        return new RegisteredApp(registration, certificates);
    }

    public JsonObject PublicView() => new()
    {
        ["clientId"] = ClientId,
        ["tenantId"] = TenantId,
        ["displayName"] = DisplayName,
        ["hasSecret"] = HasSecret,
        ["certificates"] = new JsonArray([.. Certificates.Select(c => (JsonNode)new JsonObject
        {
            ["thumbprint"] = c.Thumbprint,
            ["subject"] = c.Subject,
            ["notAfter"] = c.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]),
        ["roles"] = new JsonArray([.. Roles.Select(r => (JsonNode)r)]),
        ["wids"] = new JsonArray([.. Wids.Select(w => (JsonNode)w)]),
        ["tokenLifetimeSeconds"] = TokenLifetimeSeconds,
    };
}
