namespace GraphEmulator;

/// <summary>
/// How often each <see cref="FaultRule"/> has hit each user since the fault settings were last set (or reset), so a rule
/// with "times" lets that user's later requests through — e.g. one lost answer, then a retry that succeeds.
/// </summary>
internal sealed class FaultRuleFirings
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Rule, string User), int> _hits = [];

    /// <summary>Counts a hit of rule <paramref name="rule"/> on <paramref name="user"/> and returns true, unless it has hit <paramref name="times"/> times already.</summary>
    public bool TryHit(int rule, string user, int? times)
    {
        lock (_gate)
        {
            var key = (rule, user.ToUpperInvariant());
            var hits = _hits.GetValueOrDefault(key);
            if (times is { } limit && hits >= limit)
            {
                return false;
            }

            _hits[key] = hits + 1;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _hits.Clear();
        }
    }
}
