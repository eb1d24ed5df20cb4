using System.Collections.Concurrent;
using PasswordReset.Errors;

namespace PasswordReset.Runs
{
    /// <summary>
    /// Decides from outcomes, in whatever order they complete, whether the run can go on: a 401 ends it (the token is
    /// gone; no other user can succeed). 403s do not end it — whether anyone can succeed at all is decided before the
    /// run from the token's claims (<see cref="Resets.ResetPermissionCheck"/>, <see cref="TokenPermissions"/>); after that a
    /// 403 means this caller's role may not act on that target, so every target is tried and the 403s are counted, per
    /// step, for a closing warning.
    /// </summary>
    internal sealed class RunPolicy
    {
        private readonly ConcurrentDictionary<RunStep, int> _forbidden = new ConcurrentDictionary<RunStep, int>();

        /// <summary>Requests of <paramref name="step"/> refused with 403 so far.</summary>
        public int Forbidden(RunStep step) => _forbidden.TryGetValue(step, out int count) ? count : 0;

        /// <summary>The reason to end the run after this failure of <paramref name="step"/>, or null to go on.</summary>
        public RunEndReason? ObserveFailure(RunStep step, GraphRequestException failure)
        {
            if (failure.Kind == GraphFailureKind.Authentication) return RunEndReason.Authentication;
            if (failure.Kind == GraphFailureKind.PermissionDenied) _forbidden.AddOrUpdate(step, 1, (_, n) => n + 1);
            return null;
        }
    }
}
