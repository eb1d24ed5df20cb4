using System;
using System.Collections.Generic;
using System.Linq;

namespace PasswordReset.Completion
{
    /// <summary>
    /// The last prefix Graph was asked about and its answer, kept for <see cref="Lifetime"/>. It answers the same prefix
    /// again (ignoring case, as Graph's <c>startswith</c> does), and any longer prefix when the answer was complete (no
    /// <c>@odata.nextLink</c>: every matching user is in it), so typing on after a Tab needs no request. Failures are
    /// never stored. Thread-safe.
    /// </summary>
    internal sealed class LastAnswerCache
    {
        private readonly TimeSpan _lifetime;
        private readonly Func<TimeSpan> _clock;
        private readonly object _gate = new object();
        private Entry? _last;

        /// <param name="lifetime">How long an answer is used, from when it arrived.</param>
        /// <param name="clock">Monotonic time.</param>
        public LastAnswerCache(TimeSpan lifetime, Func<TimeSpan> clock)
        {
            _lifetime = lifetime;
            _clock = clock;
        }

        public TimeSpan Lifetime => _lifetime;

        /// <summary>The users matching <paramref name="prefix"/> from the stored answer; null when a request is needed.</summary>
        public IReadOnlyList<UserSuggestion>? TryAnswer(string prefix)
        {
            lock (_gate)
            {
                Entry? last = _last;
                if (last is null || _clock() - last.At >= _lifetime) return null;
                if (string.Equals(prefix, last.Prefix, StringComparison.OrdinalIgnoreCase)) return last.Users;
                if (last.Complete && prefix.StartsWith(last.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return last.Users.Where(u => UserPrefixQuery.Matches(u, prefix)).ToList();
                }

                return null;
            }
        }

        /// <summary>Keeps Graph's answer for a prefix, replacing the one before.</summary>
        /// <param name="prefix">The prefix Graph was asked about.</param>
        /// <param name="users">Graph's answer.</param>
        /// <param name="complete">True when Graph sent no next link: the answer holds every user matching the prefix.</param>
        public void Store(string prefix, IReadOnlyList<UserSuggestion> users, bool complete)
        {
            lock (_gate)
            {
                _last = new Entry(prefix, users, complete, _clock());
            }
        }

        private sealed class Entry
        {
            public Entry(string prefix, IReadOnlyList<UserSuggestion> users, bool complete, TimeSpan at)
            {
                Prefix = prefix;
                Users = users;
                Complete = complete;
                At = at;
            }

            public string Prefix { get; }
            public IReadOnlyList<UserSuggestion> Users { get; }
            public bool Complete { get; }
            public TimeSpan At { get; }
        }
    }
}
