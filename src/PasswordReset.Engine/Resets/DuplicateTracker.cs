using System;
using System.Collections.Concurrent;

namespace PasswordReset.Resets
{
    /// <summary>
    /// Remembers which input claimed each user in this run, so a user named twice (UPN in two cases, UPN and object id,
    /// the same Get-AadUser object twice) is reset once. Keys are compared ignoring case (object ids are GUIDs and
    /// userPrincipalNames are case-insensitive).
    /// </summary>
    internal sealed class DuplicateTracker
    {
        private readonly ConcurrentDictionary<string, ResetInput> _claims = new ConcurrentDictionary<string, ResetInput>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Claims <paramref name="key"/> for <paramref name="input"/>; returns the earlier claimant, or null when the claim is new or its own.</summary>
        public ResetInput? Claim(string key, ResetInput input)
        {
            ResetInput holder = _claims.GetOrAdd(key, input);
            return ReferenceEquals(holder, input) ? null : holder;
        }
    }
}
