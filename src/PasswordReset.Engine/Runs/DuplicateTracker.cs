using System;
using System.Collections.Generic;

namespace PasswordReset.Runs
{
    /// <summary>
    /// Makes sure each user is acted on once per run, and that among inputs naming the same user (UPN in two cases, UPN and
    /// object id, the same Get-AadUser object twice) the earliest in input order is the one acted on. Lookups complete out
    /// of order, so a claim by a later input can be taken over by an earlier one until the later one starts sending;
    /// <see cref="LookupOrder"/> keeps sends waiting briefly for earlier lookups, so that window is rarely missed.
    /// Keys compare ignoring case (object ids are GUIDs; userPrincipalNames are case-insensitive). Thread-safe.
    /// </summary>
    internal sealed class DuplicateTracker
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, ClaimState> _claims = new Dictionary<string, ClaimState>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Claims <paramref name="key"/> for <paramref name="input"/>. Returns the input that keeps the user when
        /// <paramref name="input"/> must yield (an earlier input holds it, or a later one already sent), else null.
        /// </summary>
        public UserInput? Claim(string key, UserInput input)
        {
            lock (_gate)
            {
                if (!_claims.TryGetValue(key, out ClaimState? claim))
                {
                    _claims[key] = new ClaimState(input);
                    return null;
                }

                if (ReferenceEquals(claim.Holder, input)) return null;
                if (claim.Holder.Index > input.Index && !claim.Sending)
                {
                    claim.Holder = input; // the later input finds out at BeginSend
                    return null;
                }

                return claim.Holder;
            }
        }

        /// <summary>
        /// Marks the claim as sending. Returns null when <paramref name="input"/> still holds <paramref name="key"/>;
        /// otherwise the earlier input that took it over (this input must not send).
        /// </summary>
        public UserInput? BeginSend(string key, UserInput input)
        {
            lock (_gate)
            {
                ClaimState claim = _claims[key];
                if (!ReferenceEquals(claim.Holder, input)) return claim.Holder;
                claim.Sending = true;
                return null;
            }
        }

        private sealed class ClaimState
        {
            public ClaimState(UserInput holder)
            {
                Holder = holder;
            }

            public UserInput Holder { get; set; }

            public bool Sending { get; set; }
        }
    }
}
