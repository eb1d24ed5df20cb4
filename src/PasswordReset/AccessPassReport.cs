using PasswordReset.Resets;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary><see cref="RunReport"/> for <c>New-AadUserTemporaryAccessPass</c>.</summary>
    internal sealed class AccessPassReport : RunReport
    {
        public override string Command => "New-AadUserTemporaryAccessPass";

        public override string Activity => "Creating Temporary Access Passes";

        public override string Noun => "pass";

        public override string Nouns => "passes";

        public override string Done => "issued";

        public override string Secret => "code";

        public override string Submitting(UserInput input) => $"Creating a Temporary Access Pass for '{input.Reference.Describe()}' (it replaces any pass the user has).";

        public override string Succeeded(UserSucceeded success)
        {
            var pass = (TemporaryAccessPassResult)success.Result;
            return $"Created a Temporary Access Pass for '{pass.UserPrincipalName}' ({pass.Id}), valid from {Time(pass.StartDateTime)} to {Time(pass.ExpiresAt)}; request-id {pass.RequestId}.";
        }

        public override string Accepted(object result)
        {
            // The code comes last, with nothing after it: what is copied from the line is the code whole.
            var pass = (TemporaryAccessPassResult)result;
            return $"Stopped after Graph had created a Temporary Access Pass for '{pass.UserPrincipalName}' ({pass.Id}), valid from {Time(pass.StartDateTime)} " +
                $"to {Time(pass.ExpiresAt)}{(pass.IsUsableOnce == true ? ", usable once" : string.Empty)}; its code is: {pass.TemporaryAccessPass}";
        }

        public override string Unanswered(object result)
        {
            var pass = (TemporaryAccessPassResult)result;
            return $"Stopped while the Temporary Access Pass for '{pass.UserPrincipalName}' ({pass.Id}) was still waiting for Graph's answer: a pass may exist, " +
                "and its code is not known; issue one again (the new pass replaces it).";
        }

        public override string? ForbiddenWarning(UserRun run) => RefusedWith403(run.Forbidden(RunStep.CreateAccessPass),
            "The token has the permission, so the likely cause is that the role may not give those users a pass: an Authentication Administrator " +
            "may for members only, a Privileged Authentication Administrator or Global Administrator for admins too, and nobody for their own account.");

        public override string AfterStop(ResetJournal? journal) =>
            " Issue passes again for the users without a result: a new pass replaces any pass a stopped request created.";
    }
}
