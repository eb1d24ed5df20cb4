namespace GraphEmulator;

/// <summary>
/// Run-time switches tests may change via /_emulator/settings. Held as one immutable snapshot
/// swapped atomically, so a request sees a consistent set of values.
/// </summary>
internal sealed class EmulatorSettings(bool passwordWriteback, IEnumerable<string> bannedPasswords, IEnumerable<string>? federatedDomains = null)
{
    private Snapshot _current = new(passwordWriteback, ToSet(bannedPasswords), ToSet(federatedDomains ?? []));

    public bool PasswordWriteback => Volatile.Read(ref _current).PasswordWriteback;

    /// <summary>Domains whose users' passwords belong to a federation identity provider (case-insensitive).</summary>
    public IReadOnlySet<string> FederatedDomains => Volatile.Read(ref _current).Federated;

    private int _rejectNext;

    /// <summary>
    /// Case-insensitive exact match against the banned list; also true for the next N otherwise good passwords
    /// after <see cref="RejectNext"/> (fault injection: a tenant's custom banned list can hit any password, even a
    /// random one, and the module must regenerate once).
    /// </summary>
    public bool IsBanned(string password) =>
        Volatile.Read(ref _current).Banned.Contains(password) || ConsumeRejection();

    /// <summary>Rejects the next <paramref name="count"/> passwords as banned (0 turns it off).</summary>
    public void RejectNext(int count) => Volatile.Write(ref _rejectNext, Math.Max(0, count));

    private bool ConsumeRejection()
    {
        while (true)
        {
            int left = Volatile.Read(ref _rejectNext);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _rejectNext, left - 1, left) == left) return true;
        }
    }

    /// <summary>True if the userPrincipalName's domain (after the last '@') is federated.</summary>
    public bool IsFederated(string? userPrincipalName)
    {
        var at = userPrincipalName?.LastIndexOf('@') ?? -1;
        if (at < 0) return false;
        // A subdomain shares its root domain's authentication (Entra: subdomains inherit federation).
        var domain = userPrincipalName![(at + 1)..];
        return FederatedDomains.Any(f => domain.Equals(f, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + f, StringComparison.OrdinalIgnoreCase));
    }

    public void Update(bool? passwordWriteback, IEnumerable<string>? bannedPasswords, IEnumerable<string>? federatedDomains = null)
    {
        RejectNext(0);
        while (true)
        {
            var old = Volatile.Read(ref _current);
            var next = new Snapshot(
                passwordWriteback ?? old.PasswordWriteback,
                bannedPasswords is null ? old.Banned : ToSet(bannedPasswords),
                federatedDomains is null ? old.Federated : ToSet(federatedDomains));
            if (Interlocked.CompareExchange(ref _current, next, old) == old)
            {
                return;
            }
        }
    }

    private static HashSet<string> ToSet(IEnumerable<string> items) => new(items, StringComparer.OrdinalIgnoreCase);

    private sealed record Snapshot(bool PasswordWriteback, HashSet<string> Banned, HashSet<string> Federated);
}
