using System;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Runs;

namespace PasswordReset.AccessPasses
{
    /// <summary>
    /// <c>New-AadUserTemporaryAccessPass</c>'s work for one user: one create (<see cref="AccessPassRequests"/>), one
    /// <see cref="TemporaryAccessPassResult"/> carrying the code. A user has one pass, and a new one replaces it, so a create
    /// whose answer was lost is simply sent again by the dispatcher: the pass it creates replaces any the lost answer made,
    /// and the code emitted is the one in force. When the retries run out the outcome is unknown (a pass may exist).
    /// External users are refused before the create is sent (a pass cannot be added to an external guest).
    /// </summary>
    public sealed class CreateAccessPassOperation : UserOperation
    {
        private readonly AccessPassOptions _options;

        /// <summary>Creates the operation.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A lifetime outside 10–43,200 minutes.</exception>
        public CreateAccessPassOperation(AccessPassOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
        }

        internal override UserRefusedException? Refuse(AadUser user) => RefuseExternal(user, RunStep.CreateAccessPass,
            "a Temporary Access Pass cannot be added to an external guest user.");

        internal override async Task<UserOutcome> RunAsync(UserWork work, CancellationToken stop)
        {
            AadUser user = work.User;
            work.Step = RunStep.CreateAccessPass;
            // Until the answer comes, all a stop can say is that a pass may exist: its code comes only with the answer.
            work.Pending(new TemporaryAccessPassResult { Id = user.Id, UserPrincipalName = user.UserPrincipalName, DisplayName = user.DisplayName }, accepted: false);
            GraphAnswer answer = await work.Caller.SendAsync(AccessPassRequests.Create(user, _options), stop).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                GraphRequestException refused = answer.ToException();
                // A refusal that an earlier attempt would have met too (the policy, the lifetime, the role, no such user)
                // means nothing was created; after a lost answer anything else leaves a pass possible.
                int status = refused.StatusCode ?? 0;
                refused.MayHaveBeenApplied = answer.EarlierAttemptMayHaveApplied && status != 400 && status != 403 && status != 404;
                return UserOutcome.Failed(RunStep.CreateAccessPass, refused);
            }

            return UserOutcome.Success(AccessPassRequests.Read(user, answer));
        }
    }
}
