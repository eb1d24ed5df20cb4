using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GraphEmulator;

/// <summary>
/// Checks a certificate credential: a client assertion JWT signed with the private key of a certificate
/// registered on the app (https://learn.microsoft.com/entra/identity-platform/certificate-credentials):
/// header x5t (base64url SHA-1 thumbprint) or x5t#S256 (SHA-256) names the certificate; aud is the token
/// endpoint; iss = sub = client_id; exp in the future; nbf not in the future.
/// </summary>
internal static class ClientAssertionValidator
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Throws an <see cref="AadException"/> unless the assertion proves possession of a registered certificate.</summary>
    public static async Task ValidateAsync(string assertion, RegisteredApp app, IReadOnlyList<string> audiences)
    {
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            throw AadErrors.MalformedAssertion();
        }

        var keys = CandidateKeys(jwt, app);
        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidateIssuerSigningKey = false, // registration is what makes the key trusted, not a chain
            ValidIssuer = app.ClientId,
            ValidAudiences = audiences,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        }).ConfigureAwait(false);

        if (!result.IsValid)
        {
            throw result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException =>
                    AadErrors.AssertionTimeRange(DateTime.UtcNow, jwt.ValidFrom, jwt.ValidTo),
                SecurityTokenInvalidAudienceException => AadErrors.AssertionAudience(),
                SecurityTokenInvalidIssuerException => AadErrors.AssertionSubject(app.ClientId),
                SecurityTokenSignatureKeyNotFoundException => AadErrors.KeyNotFound(app.ClientId, HeaderThumbprint(jwt)),
                SecurityTokenMalformedException => AadErrors.MalformedAssertion(),
                _ => AadErrors.InvalidSignature(app.ClientId),
            };
        }

        if (!string.Equals(jwt.Subject, app.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            throw AadErrors.AssertionSubject(app.ClientId);
        }
    }

    /// <summary>The registered certificates the header names, or all of them when the header names none.</summary>
    private static List<SecurityKey> CandidateKeys(JsonWebToken jwt, RegisteredApp app)
    {
        var sha1 = jwt.TryGetHeaderValue<string>("x5t", out var x5t) ? x5t : null;
        var sha256 = jwt.TryGetHeaderValue<string>("x5t#S256", out var x5tS256) ? x5tS256 : null;
        var certificates = sha1 is null && sha256 is null
            ? app.Certificates
            : [.. app.Certificates.Where(c =>
                (sha1 is not null && sha1 == Base64UrlEncoder.Encode(c.GetCertHash(HashAlgorithmName.SHA1))) ||
                (sha256 is not null && sha256 == Base64UrlEncoder.Encode(c.GetCertHash(HashAlgorithmName.SHA256))))];
        if (certificates.Count == 0)
        {
            throw AadErrors.KeyNotFound(app.ClientId, HeaderThumbprint(jwt));
        }

        return [.. certificates.Select(c => (SecurityKey)new X509SecurityKey(c))];
    }

    // The thumbprint as Entra prints it: hex of the header's x5t (or x5t#S256).
    private static string? HeaderThumbprint(JsonWebToken jwt)
    {
        var value = jwt.TryGetHeaderValue<string>("x5t", out var x5t) ? x5t
            : jwt.TryGetHeaderValue<string>("x5t#S256", out var s256) ? s256 : null;
        try
        {
            return value is null ? null : Convert.ToHexString(Base64UrlEncoder.DecodeBytes(value));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>Base64url SHA-1 thumbprint, the x5t header value for <paramref name="certificate"/>.</summary>
    public static string X5t(X509Certificate2 certificate) => Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA1));
}
