namespace GraphEmulator;

/// <summary>A freshly minted access token and the facts the issued-token log keeps about it (never the token itself).</summary>
internal sealed record IssuedToken(string Token, int ExpiresIn, string Jti, string TenantId, string AppId, DateTimeOffset ExpiresAt);
