using System;
using System.Threading;
using System.Threading.Tasks;

namespace PasswordReset.Runs
{
    /// <summary>
    /// What a <see cref="UserRun"/> does for each user once the run has resolved the input to a user (looked up unless a
    /// Get-AadUser object came in), refused it if <see cref="Refuse"/> says so, and made sure no earlier input names the
    /// same user: <see cref="Resets.ResetOperation"/> (a reset, and the revocation after it),
    /// <see cref="Sessions.RevokeSessionsOperation"/>, <see cref="AccessPasses.CreateAccessPassOperation"/>. Everything
    /// else — inputs in flight, duplicates, lookup order, events, stop, counters, the run policy — is the run's.
    /// </summary>
    public abstract class UserOperation
    {
        /// <summary>
        /// Why <paramref name="user"/> is not acted on (refused before any request of this operation, e.g. an external
        /// account); null to go on.
        /// </summary>
        internal abstract UserRefusedException? Refuse(AadUser user);

        /// <summary>
        /// The refusal of an external (B2B guest) account, for operations that cannot act on one (<see cref="AadUser.IsExternal"/>):
        /// "'{upn}' is an external (B2B guest) account: {because} Nothing was sent."; null for the tenant's own users.
        /// </summary>
        private protected static UserRefusedException? RefuseExternal(AadUser user, RunStep step, string because) => user.IsExternal
            ? new UserRefusedException(step, $"'{user.UserPrincipalName}' is an external (B2B guest) account: {because} Nothing was sent.")
            : null;

        /// <summary>
        /// The user's requests, through <see cref="UserWork.Caller"/>. Returns the outcome; may throw a
        /// <see cref="Errors.GraphRequestException"/> (a failure of <see cref="UserWork.Step"/>) or, once the run is stopping,
        /// <see cref="OperationCanceledException"/> (not attempted).
        /// </summary>
        internal abstract Task<UserOutcome> RunAsync(UserWork work, CancellationToken stop);
    }
}
