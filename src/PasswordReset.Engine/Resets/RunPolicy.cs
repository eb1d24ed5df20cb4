using System.Threading;
using PasswordReset.Errors;

namespace PasswordReset.Resets
{
    /// <summary>
    /// Decides from outcomes, in whatever order they complete, whether the run can go on: a 401 ends it (the token is
    /// gone; no other user can succeed), and so do several 403s before any success (the caller lacks the permission
    /// or role; one terminating error beats ten thousand identical ones). Other failures neither count nor reset it.
    /// </summary>
    internal sealed class RunPolicy
    {
        private readonly int _failFastAfter;
        private int _forbiddenBeforeSuccess;
        private int _anySuccess;

        public RunPolicy(int failFastAfter)
        {
            _failFastAfter = failFastAfter;
        }

        public void ObserveSuccess() => Interlocked.Exchange(ref _anySuccess, 1);

        /// <summary>The reason to end the run after this failure, or null to go on.</summary>
        public RunEndReason? ObserveFailure(GraphRequestException failure)
        {
            if (failure.Kind == GraphFailureKind.Authentication) return RunEndReason.Authentication;
            if (failure.Kind != GraphFailureKind.PermissionDenied || Volatile.Read(ref _anySuccess) == 1) return null;
            return Interlocked.Increment(ref _forbiddenBeforeSuccess) == _failFastAfter ? RunEndReason.PermissionMissing : (RunEndReason?)null;
        }
    }
}
