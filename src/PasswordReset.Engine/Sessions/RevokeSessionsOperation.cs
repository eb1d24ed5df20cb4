using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Runs;

namespace PasswordReset.Sessions
{
    /// <summary>
    /// <c>Revoke-AadUserSignInSession</c>'s work for one user: the revocation alone (<see cref="SessionRevocation"/>), one
    /// <see cref="SessionRevocationResult"/> per user. External users are refused before the revocation is sent: their sessions live in
    /// their home tenant, and Graph does not revoke them here (graph-facts.md §9).
    /// </summary>
    public sealed class RevokeSessionsOperation : UserOperation
    {
        internal override UserRefusedException? Refuse(AadUser user) => RefuseExternal(user, RunStep.RevokeSessions,
            "it signs in through its home tenant, whose sessions Graph does not revoke here.");

        internal override async Task<UserOutcome> RunAsync(UserWork work, CancellationToken stop)
        {
            AadUser user = work.User;
            var result = new SessionRevocationResult { Id = user.Id, UserPrincipalName = user.UserPrincipalName, DisplayName = user.DisplayName };
            work.Step = RunStep.RevokeSessions;
            work.Pending(result, accepted: false);
            var (at, requestId) = await SessionRevocation.RevokeAsync(work.Caller, user, stop).ConfigureAwait(false);
            result.SessionsRevoked = true;
            result.SessionsRevokedDateTime = at;
            result.RequestId = requestId;
            return UserOutcome.Success(result);
        }
    }
}
