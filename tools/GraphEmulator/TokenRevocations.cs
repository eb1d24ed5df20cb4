using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GraphEmulator;

/// <summary>
/// Which tokens no longer count: by jti or by the exact token text. "Revoke all" revokes every jti
/// issued so far (all valid tokens are minted here, since only this instance holds the key).
/// </summary>
internal sealed class TokenRevocations
{
    private readonly ConcurrentDictionary<string, byte> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revokedIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revokedTokens = new(StringComparer.Ordinal);

    public void RecordIssued(string jti) => _issued.TryAdd(jti, 0);

    public void RevokeToken(string token, string? jti)
    {
        _revokedTokens.TryAdd(Hash(token), 0);
        if (jti is not null)
        {
            _revokedIds.TryAdd(jti, 0);
        }
    }

    public void RevokeAll()
    {
        foreach (var jti in _issued.Keys)
        {
            _revokedIds.TryAdd(jti, 0);
        }
    }

    public bool IsRevoked(string token, string? jti) =>
        (jti is not null && _revokedIds.ContainsKey(jti)) || _revokedTokens.ContainsKey(Hash(token));

    public void Clear()
    {
        _revokedIds.Clear();
        _revokedTokens.Clear();
    }

    // Only a hash is kept, so the store never holds bearer tokens.
    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
