using System.Management.Automation;
using PasswordReset.Resets;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary><see cref="RunReport"/> for <c>Reset-AadUserPassword</c> (and its <c>-RevokeSessions</c> step).</summary>
    internal sealed class ResetReport : RunReport
    {
        private readonly bool _revokeSessions;

        public ResetReport(bool revokeSessions)
        {
            _revokeSessions = revokeSessions;
        }

        public override string Command => "Reset-AadUserPassword";

        public override string Activity => _revokeSessions ? "Resetting passwords and revoking sessions" : "Resetting passwords";

        public override string Noun => "reset";

        public override string Done => "reset";

        public override string Secret => "password";

        /// <summary>The view type name of results that carry a revocation (PasswordReset.format.ps1xml shows a Revoked column).</summary>
        public const string RevokedViewType = "PasswordReset.PasswordResetResult#SessionsRevoked";

        public override object Shaped(object result)
        {
            if (!_revokeSessions) return result;
            var shaped = PSObject.AsPSObject(result);
            shaped.TypeNames.Insert(0, RevokedViewType);
            return shaped;
        }

        public override string Submitting(UserInput input) => $"Resetting the password of '{input.Reference.Describe()}'.";

        public override string Succeeded(UserSucceeded success)
        {
            var result = (PasswordResetResult)success.Result;
            string revoked = result.SessionsRevoked ? $"; its sign-in sessions were revoked at {Time(result.SessionsRevokedDateTime)}" : string.Empty;
            return success.FromJournal
                ? $"The journal records the reset of '{result.UserPrincipalName}' ({result.Id}); it was not reset again{revoked}."
                : $"Reset the password of '{result.UserPrincipalName}' ({result.Id}); request-id {result.RequestId}{revoked}.";
        }

        public override string Accepted(object result)
        {
            // The password comes last, with nothing after it: what is copied from the line is the password whole.
            var reset = (PasswordResetResult)result;
            string sessions = !_revokeSessions ? string.Empty
                : reset.SessionsRevoked ? $", and its sign-in sessions were revoked at {Time(reset.SessionsRevokedDateTime)}"
                : ", but its sign-in sessions were NOT revoked (run Revoke-AadUserSignInSession for this user)";
            return $"Stopped after Graph had accepted the password reset of '{reset.UserPrincipalName}' ({reset.Id}) at {Time(reset.ResetTime)}{sessions}" +
                (reset.TemporaryPassword is null ? "." : $"; its temporary password is: {reset.TemporaryPassword}");
        }

        public override string Unanswered(object result)
        {
            var reset = (PasswordResetResult)result;
            return $"Stopped while the reset of '{reset.UserPrincipalName}' ({reset.Id}) was still waiting for Graph's answer: it may have been applied" +
                (reset.TemporaryPassword is null ? "." : $"; if so, its temporary password is: {reset.TemporaryPassword} (reset this user again to be sure).");
        }

        public override string? ForbiddenWarning(UserRun run)
        {
            string? resets = RefusedWith403(run.Forbidden(RunStep.Reset),
                "The token has a reset permission and role, so the likely cause is that the role may not reset those users: Helpdesk and Password " +
                "Administrators cannot reset admins, User Administrators cannot reset Global or privileged admins; only a Privileged Authentication " +
                "Administrator (or Global Administrator) may reset every user.");
            int revocations = run.Forbidden(RunStep.RevokeSessions);
            if (revocations == 0) return resets;
            string revoked = $"{Count(revocations, "revocation")} after a reset {(revocations == 1 ? "was" : "were")} refused with 403: the role may not act on " +
                "those users; their passwords were reset, their sessions not revoked.";
            return resets is null ? revoked : resets + " " + revoked;
        }

        public override string AfterStop(ResetJournal? journal) => journal is null
            ? " Reset the users without a result again; next time use -JournalPath, and -Resume finishes a stopped run."
            : $" The journal '{journal.Path}' has every password sent; run the same command again with -Resume to finish.";
    }
}
