using System.Threading;
using PasswordReset.Errors;

namespace PasswordReset.Resets
{
    /// <summary>
    /// Decides from outcomes, in whatever order they complete, whether the run can go on: a 401 ends it (the token is
    /// gone; no other user can succeed). 403s do not end it — whether anyone can be reset at all is decided before the
    /// run from the token's claims (<see cref="ResetPermissionCheck"/>); after that a 403 means this caller's role may
    /// not reset that target, so every target is tried and the 403s are counted for a closing warning.
    /// </summary>
    internal sealed class RunPolicy
    {
        private int _forbidden;

        /// <summary>Resets refused with 403 so far.</summary>
        public int Forbidden => Volatile.Read(ref _forbidden);

        /// <summary>The reason to end the run after this failure, or null to go on.</summary>
        public RunEndReason? ObserveFailure(GraphRequestException failure)
        {
            if (failure.Kind == GraphFailureKind.Authentication) return RunEndReason.Authentication;
            if (failure.Kind == GraphFailureKind.PermissionDenied) Interlocked.Increment(ref _forbidden);
            return null;
        }
    }
}
