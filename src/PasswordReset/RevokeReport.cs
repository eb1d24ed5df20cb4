using PasswordReset.Resets;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary><see cref="RunReport"/> for <c>Revoke-AadUserSignInSession</c>.</summary>
    internal sealed class RevokeReport : RunReport
    {
        public override string Command => "Revoke-AadUserSignInSession";

        public override string Activity => "Revoking sign-in sessions";

        public override string Noun => "revocation";

        public override string Done => "revoked";

        public override string? Secret => null;

        public override string Submitting(UserInput input) => $"Revoking the sign-in sessions of '{input.Reference.Describe()}'.";

        public override string Succeeded(UserSucceeded success)
        {
            var result = (SessionRevocationResult)success.Result;
            return $"Revoked the sign-in sessions of '{result.UserPrincipalName}' ({result.Id}); request-id {result.RequestId}.";
        }

        public override string Accepted(object result)
        {
            var revoked = (SessionRevocationResult)result;
            return $"Stopped after Graph had revoked the sign-in sessions of '{revoked.UserPrincipalName}' ({revoked.Id}) at {Time(revoked.SessionsRevokedDateTime)}.";
        }

        public override string Unanswered(object result)
        {
            var revoked = (SessionRevocationResult)result;
            return $"Stopped while the revocation of the sign-in sessions of '{revoked.UserPrincipalName}' ({revoked.Id}) was still waiting for Graph's answer: " +
                "it may have been applied (revoke again to be sure: revoking twice is harmless).";
        }

        public override string? ForbiddenWarning(UserRun run) => RefusedWith403(run.Forbidden(RunStep.RevokeSessions),
            "The token has a permission that allows revoking sessions, so the likely cause is that the role may not act on those users (Microsoft " +
            "names no role; in practice the roles that may reset their passwords: Helpdesk and Password Administrators only non-admins, User " +
            "Administrators most users, a Privileged Authentication Administrator anyone).");

        public override string AfterStop(ResetJournal? journal) =>
            " Revoke the sessions of the users without a result again: revoking twice is harmless.";
    }
}
