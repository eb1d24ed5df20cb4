namespace GraphEmulator;

/// <summary>
/// Run-time switches tests may change via /_emulator/settings. Held as one immutable snapshot
/// swapped atomically, so a request sees a consistent pair of values.
/// </summary>
internal sealed class EmulatorSettings(bool passwordWriteback, IEnumerable<string> bannedPasswords)
{
    private Snapshot _current = new(passwordWriteback, ToSet(bannedPasswords));

    public bool PasswordWriteback => Volatile.Read(ref _current).PasswordWriteback;

    /// <summary>Case-insensitive exact match against the banned list.</summary>
    public bool IsBanned(string password) => Volatile.Read(ref _current).Banned.Contains(password);

    public void Update(bool? passwordWriteback, IEnumerable<string>? bannedPasswords)
    {
        while (true)
        {
            var old = Volatile.Read(ref _current);
            var next = new Snapshot(
                passwordWriteback ?? old.PasswordWriteback,
                bannedPasswords is null ? old.Banned : ToSet(bannedPasswords));
            if (Interlocked.CompareExchange(ref _current, next, old) == old)
            {
                return;
            }
        }
    }

    private static HashSet<string> ToSet(IEnumerable<string> items) => new(items, StringComparer.OrdinalIgnoreCase);

    private sealed record Snapshot(bool PasswordWriteback, HashSet<string> Banned);
}
