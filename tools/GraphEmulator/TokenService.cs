using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GraphEmulator;

/// <summary>
/// Mints and validates Entra-style access tokens (RS256, key made at start). Audiences accepted are
/// the Graph roots of graph-facts §7 (with or without trailing slash) and Graph's app id.
/// </summary>
internal sealed class TokenService : IDisposable
{
    public const string DefaultTenantId = "dcd219dd-bc68-4b9b-bf0b-4a33a796be35";
    public const string DefaultAppId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    public const string DefaultAudience = "https://graph.microsoft.com";
    public const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    // Stands for the calling app's service principal when the test names no oid.
    public const string DefaultObjectId = "7f6c0a4e-3b1d-4c2e-9a8f-5d4b3c2a1e0f";

    public static readonly IReadOnlyList<string> DefaultRoles = ["User.Read.All", "User-PasswordProfile.ReadWrite.All"];

    /// <summary>
    /// Directory roles of the default token's service principal: Privileged Authentication Administrator,
    /// which may reset every user's password (graph-facts §1), so a default token resets anyone.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultWids = [PasswordResetRoles.PrivilegedAuthenticationAdministrator];

    /// <summary>Graph roots of the national clouds (graph-facts §7); a token's aud is one of them.</summary>
    public static readonly IReadOnlyList<string> GraphRoots =
    [
        "https://graph.microsoft.com",
        "https://graph.microsoft.us",
        "https://dod-graph.microsoft.us",
        "https://microsoftgraph.chinacloudapi.cn",
    ];

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly SigningCredentials _signing;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters _validation;

    public TokenService()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
        _signing = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256);
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidAudiences = [.. GraphRoots, .. GraphRoots.Select(r => r + "/"), GraphAppId],
            IssuerValidator = ValidateIssuer,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
    }

    public TokenRevocations Revocations { get; } = new();

    public (string Token, int ExpiresIn) Issue(TokenRequest request)
    {
        var issued = IssueToken(request);
        return (issued.Token, issued.ExpiresIn);
    }

    /// <summary>Mints a token; the result also carries its jti and expiry for the issued-token log.</summary>
    public IssuedToken IssueToken(TokenRequest request)
    {
        var lifetime = request.LifetimeSeconds ?? 3600;
        var now = DateTime.UtcNow;
        var expires = now.AddSeconds(lifetime);

        // An already expired token still needs nbf/iat before exp.
        var issuedAt = lifetime > 0 ? now : expires.AddMinutes(-60);
        var tenantId = request.TenantId ?? DefaultTenantId;
        var jti = Guid.NewGuid().ToString();

        // No roles, scp nor wids: the default app token. Roles or scp without wids: no directory roles.
        var roles = request.Roles ?? (request.Scp is null ? DefaultRoles : []);
        var wids = request.Roles is null && request.Scp is null && request.Wids is null ? DefaultWids : request.Wids ?? [];
        // appid (v1 tokens, which Graph gets) and azp (v2) both name the client.
        var appId = request.AppId ?? DefaultAppId;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["oid"] = request.Oid ?? DefaultObjectId,
            ["appid"] = appId,
            ["azp"] = appId,
            ["jti"] = jti,
        };
        if (roles.Count > 0)
        {
            claims["roles"] = roles.ToArray();
        }

        if (!string.IsNullOrWhiteSpace(request.Scp))
        {
            claims["scp"] = request.Scp;
        }

        if (wids.Count > 0)
        {
            claims["wids"] = wids.ToArray();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = request.Audience ?? DefaultAudience,
            Issuer = $"https://sts.windows.net/{tenantId}/",
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = _signing,
        });
        Revocations.RecordIssued(jti);
        return new IssuedToken(token, lifetime, jti, tenantId, appId, new DateTimeOffset(expires, TimeSpan.Zero));
    }

    /// <summary>Validates a bearer token; on failure returns Graph's InvalidAuthenticationToken message.</summary>
    public async Task<(CallerIdentity? Caller, string? Error)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, Describe(result.Exception));
        }

        var jti = jwt.TryGetPayloadValue<string>("jti", out var id) ? id : null;
        if (Revocations.IsRevoked(token, jti))
        {
            return (null, "Access token has been revoked.");
        }

        var caller = new CallerIdentity(
            jwt.GetPayloadValue<string>("tid"),
            jwt.TryGetPayloadValue<string>("oid", out var oid) ? oid : null,
            jwt.TryGetPayloadValue<string>("appid", out var appId) ? appId : null,
            jwt.Audiences.FirstOrDefault() ?? string.Empty,
            Strings(jwt, "roles"),
            jwt.TryGetPayloadValue<string>("scp", out var scp) ? scp.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
            Strings(jwt, "wids"),
            jti);
        return (caller, null);
    }

    /// <summary>Reads the jti of a token without validating it (for revocation by token).</summary>
    public string? ReadTokenId(string token) => ReadClaim(token, "jti");

    /// <summary>Reads the tid of a token without validating it (to tag a refused request's log entry).</summary>
    public string? ReadTenantId(string token) => token.Length == 0 ? null : ReadClaim(token, "tid");

    private string? ReadClaim(string token, string claim)
    {
        try
        {
            var jwt = _handler.ReadJsonWebToken(token);
            return jwt.TryGetPayloadValue<string>(claim, out var value) ? value : null;
        }
        catch (ArgumentException)
        {
            return null; // includes SecurityTokenMalformedException
        }
    }

    public void Dispose() => _rsa.Dispose();

    private static IReadOnlyList<string> Strings(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<string[]>(claim, out var values) && values is not null ? values : [];

    private static string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        const string prefix = "https://sts.windows.net/";
        if (issuer.StartsWith(prefix, StringComparison.Ordinal) && issuer.EndsWith('/') &&
            Guid.TryParse(issuer[prefix.Length..^1], out _))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException("Invalid issuer.");
    }

    // Messages as Graph words them where known (InvalidAuthenticationToken family).
    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "Lifetime validation failed, the token is expired.",
        SecurityTokenNotYetValidException => "Lifetime validation failed, the token is not yet valid.",
        SecurityTokenInvalidAudienceException => "Access token validation failure. Invalid audience.",
        SecurityTokenInvalidIssuerException => "Access token validation failure. Invalid issuer.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "Access token validation failure. Invalid signature.",
        SecurityTokenMalformedException or ArgumentException => "CompactToken parsing failed with error code: 80049217",
        _ => "Access token validation failure.",
    };
}
