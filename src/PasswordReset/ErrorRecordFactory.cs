using System;
using System.Management.Automation;
using PasswordReset.Errors;
using PasswordReset.Resets;
using PasswordReset.Users;

namespace PasswordReset.Commands
{
    /// <summary>
    /// The one place that turns failures into <see cref="ErrorRecord"/>s: stable id, category, the user as
    /// target object, and a message with Graph's status, code and request-id. The original exception stays inside.
    /// </summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>Why a reset gets 403 (graph-facts.md §1, learn.microsoft.com/graph/api/user-update): the message says it.</summary>
        public const string PermissionCause =
            "Graph answers 403 both when the token lacks a permission that allows a reset (User-PasswordProfile.ReadWrite.All) and " +
            "when the caller's role may not reset this user (Helpdesk or Password Administrator: non-admins; User Administrator: " +
            "most users; Privileged Authentication Administrator: anyone, Global Administrators included).";

        /// <summary>What to do about a 403 on a reset: the RecommendedAction.</summary>
        public const string PermissionAdvice =
            "If the token lacks the permission, grant User-PasswordProfile.ReadWrite.All (delegated or application) and connect again; " +
            "otherwise reset this user with an account holding a higher role. An app also needs a role such as User Administrator on its service principal.";

        /// <summary>Why a read gets 403.</summary>
        public const string ReadPermissionCause =
            "Reading users needs User.Read.All (or User.ReadBasic.All, Directory.Read.All) for the signed-in account or app.";

        private const string ReadPermissionAdvice = "Grant a permission to read users, then run Connect-AadGraph again.";

        /// <summary>
        /// A failed Graph request; <paramref name="step"/> says which step of a reset it was, so the advice fits; reads outside
        /// a reset (Get-AadUser) pass <paramref name="reading"/>. <paramref name="user"/> names the user in the message and the
        /// category info (the target object is the input as given, and its text — a CSV row's other columns, a
        /// TemporaryPassword among them — is never repeated).
        /// </summary>
        public static ErrorRecord FromGraph(GraphRequestException ex, object? target, UserReference? user, ResetStep? step = null, bool reading = false)
        {
            var (id, category, advice) = Classify(ex);
            reading |= step == ResetStep.Lookup;
            if (reading && ex.Kind == GraphFailureKind.PermissionDenied) advice = ReadPermissionAdvice;
            var record = Named(new ErrorRecord(ex, id, category, target), user);
            // In a bulk run the message is what the admin reads first: it names the user, not only TargetObject.
            string prefix = step switch
            {
                ResetStep.Lookup => $"Looking up '{user?.Describe()}' failed: ",
                ResetStep.Reset => $"Resetting the password of '{user?.Describe()}' failed: ",
                _ => string.Empty,
            };
            // A 403 looks the same for a missing permission and a role that may not act on this user: say both.
            string message = prefix + (ex.Kind != GraphFailureKind.PermissionDenied ? ex.Message
                : ex.Message + " " + (reading ? ReadPermissionCause : PermissionCause));
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            return record;
        }

        /// <summary>One input's outcome of a reset run, naming the step that failed so the advice fits it.</summary>
        public static ErrorRecord FromRun(ResetFailed failure) => Named(FromRunUnnamed(failure), failure.Input.Reference);

        private static ErrorRecord FromRunUnnamed(ResetFailed failure)
        {
            object target = failure.Input.Target;
            switch (failure.Error)
            {
                case DuplicateInputException duplicate:
                    return Create(duplicate, ErrorIds.DuplicateInput, ErrorCategory.InvalidOperation, target,
                        "Nothing to do: the earlier input's result holds this user's password. Remove duplicate rows from the input.");
                case PasswordResetRefusedException refused:
                    return ExternalUser(refused, target);
                case GraphRequestException graph when graph.MayHaveBeenApplied && failure.Step == ResetStep.Reset:
                    return Create(new TimeoutException(
                        $"The reset of '{failure.Input.Reference}' was sent, but no final answer came back after the retries ({graph.Message}). " +
                        "Graph may have applied the new password, and it is not known which password the user now has.", graph),
                        ErrorIds.ResetOutcomeUnknown, ErrorCategory.ResourceUnavailable, target,
                        "The password may have changed: reset this user again to set a known password (or use -JournalPath and -Resume, which re-sends the same password).");
                case GraphRequestException graph:
                    return FromGraph(graph, target, failure.Input.Reference, failure.Step);
                default:
                    return Create(failure.Error, ErrorIds.GraphRequestFailed, ErrorCategory.NotSpecified, target,
                        "An unexpected failure; run this user again, and report it if it repeats.");
            }
        }

        /// <summary>The terminating error of a run the policy ended (a 401: no other user can succeed).</summary>
        public static ErrorRecord RunEnded(RunEndedException ended, long notAttempted) =>
            Create(new UnauthorizedAccessException(ended.Message + $" Not attempted: {Inputs(notAttempted)} that had reached Reset-AadUserPassword (inputs still upstream in the pipeline were not read). Results Graph had accepted were written.", ended),
                ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, null,
                "Run Connect-AadGraph again, then run the users without a result again (with -JournalPath and -Resume, users already reset are skipped).");

        /// <summary>"1 input", "2 inputs".</summary>
        public static string Inputs(long count) => count == 1 ? "1 input" : $"{count} inputs";

        /// <summary>The token's claims show that no reset can succeed (terminating, before any request).</summary>
        public static ErrorRecord NoResetPermission(string reason) =>
            Create(new UnauthorizedAccessException(reason + " A reset needs User-PasswordProfile.ReadWrite.All and a directory role that may reset the targets."),
                ErrorIds.PasswordResetPermissionMissing, ErrorCategory.PermissionDenied, null,
                "Grant User-PasswordProfile.ReadWrite.All and assign a role that may reset these users (Helpdesk or Password Administrator: non-admins; " +
                "User Administrator: most users; Privileged Authentication Administrator: anyone), then connect again.");

        /// <summary>The -JournalPath cannot be used (terminating; nothing was sent).</summary>
        public static ErrorRecord Journal(JournalException ex, string path) =>
            Create(ex, ErrorIds.JournalUnavailable, ErrorCategory.InvalidArgument, path,
                "Give a new journal path, or -Resume with the journal of a run against this tenant.");

        /// <summary>Sign-in failed (terminating); the advice fits the sign-in mode.</summary>
        public static ErrorRecord SignInFailed(Exception ex, string? tenantId, bool interactive) =>
            Create(ex, ErrorIds.SignInFailed, ErrorCategory.AuthenticationError, tenantId, interactive
                ? "Interactive sign-in needs a browser on this machine; use -UseDeviceCode over SSH or in a terminal without one."
                : "Check the tenant, client id and credential (secret, certificate) and that the app registration is consented; the message quotes Entra ID's AADSTS code.");

        /// <summary>Connect-AadGraph's settings cannot work (terminating, before any network call).</summary>
        public static ErrorRecord InvalidConnectionSettings(Exception ex, object? target) =>
            Create(ex, ErrorIds.InvalidConnectionSettings, ErrorCategory.InvalidArgument, target,
                "Check the parameters: an access token or credential for Microsoft Graph, and -GraphEndpoint (if any) as an https root such as https://graph.microsoft.com, or http://127.0.0.1:<port> for a local emulator.");

        /// <summary>An empty -Filter or unusable -Search (terminating, before any call: an empty query must never list the tenant).</summary>
        public static ErrorRecord InvalidQuery(ArgumentException ex, string parameter, object? target) =>
            Create(ex, ErrorIds.InvalidQuery, ErrorCategory.InvalidArgument, target, parameter == "Filter"
                ? "Give an OData filter such as \"department eq 'Sales'\", or omit -Filter."
                : "Give a word to search for, or omit -Search.");

        /// <summary>Paging that cannot end (non-terminating; users already written stay written).</summary>
        public static ErrorRecord PagingFailed(InvalidOperationException ex, object? target) =>
            Create(ex, ErrorIds.GraphPagingFailed, ErrorCategory.InvalidResult, target,
                "Run the listing again; if it repeats, narrow it with -Filter and report the request-ids to Microsoft support.");

        /// <summary>A -NewPassword that breaks the Entra policy (terminating, nothing sent); the violations never quote the password.</summary>
        public static ErrorRecord NewPasswordNotCompliant(System.Collections.Generic.IEnumerable<string> violations) =>
            Create(new ArgumentException("The -NewPassword does not meet the Entra ID password policy: " + string.Join("; ", violations) + ". Nothing was sent to Graph."),
                ErrorIds.NewPasswordNotCompliant, ErrorCategory.InvalidArgument, null,
                "Choose a password of 8-256 characters with at least 3 of: lowercase, uppercase, digits, symbols; or omit -NewPassword to generate one.");

        /// <summary>A confirmation prompt failed because the session cannot ask (terminating; nothing was sent for this input).</summary>
        public static ErrorRecord ConfirmationUnavailable(Exception ex, object? target, string commandName) =>
            Create(new InvalidOperationException(
                    $"{commandName} asks for confirmation before each change, and this session cannot ask (no interactive console: " +
                    $"-NonInteractive, a job, or input redirected): nothing was sent for '{target}'. ({ex.GetType().Name}: {ex.Message})", ex),
                ErrorIds.ConfirmationUnavailable, ErrorCategory.InvalidOperation, target,
                "Check the inputs with -WhatIf, then run with -Force (or -Confirm:$false) to go on without asking.");

        /// <summary>Two parameters that cannot be used together (terminating; nothing was sent).</summary>
        public static ErrorRecord ParameterConflict(string message, string advice = "Remove one of the two parameters.") =>
            Create(new ArgumentException(message), ErrorIds.ParameterConflict, ErrorCategory.InvalidArgument, null, advice);

        /// <summary>An input that names no user; the target is the input itself, whose text is shown only when it is a string.</summary>
        public static ErrorRecord InvalidIdentity(ArgumentException ex, object? target)
        {
            var record = WithAdvice(new ErrorRecord(ex, ErrorIds.InvalidUserIdentity, ErrorCategory.InvalidArgument, target),
                "Give each user a userPrincipalName (e.g. adele@contoso.com) or an object id; nothing was sent to Graph for this input.");
            if (target != null && !(PSObject.AsPSObject(target).BaseObject is string)) record.CategoryInfo.TargetName = "input";
            return record;
        }

        public static ErrorRecord ExternalUser(Exception ex, object? target) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.ExternalUserPasswordNotManaged, ErrorCategory.InvalidOperation, target),
                "Reset the password in the user's home tenant or identity provider, or ask the user to use self-service password reset there.");

        public static ErrorRecord NotConnected() =>
            WithAdvice(
                new ErrorRecord(
                    new InvalidOperationException("Not connected to Microsoft Graph. Run Connect-AadGraph first."),
                    ErrorIds.NotConnected, ErrorCategory.ConnectionError, null),
                "Run Connect-AadGraph, e.g. Connect-AadGraph -TenantId contoso.onmicrosoft.com (see Get-Help Connect-AadGraph for app and token sign-in).");

        private static ErrorRecord Create(Exception ex, string id, ErrorCategory category, object? target, string advice) =>
            WithAdvice(new ErrorRecord(ex, id, category, target), advice);

        // The category info shows the target's text unless told otherwise (NormalView, $error[0].CategoryInfo): a row's
        // text carries all its columns, so it names the user instead.
        private static ErrorRecord Named(ErrorRecord record, UserReference? user)
        {
            if (user != null) record.CategoryInfo.TargetName = user.Key;
            return record;
        }

        private static ErrorRecord WithAdvice(ErrorRecord record, string advice)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = advice };
            return record;
        }

        private static (string Id, ErrorCategory Category, string Advice) Classify(GraphRequestException ex)
        {
            switch (ex.Kind)
            {
                case GraphFailureKind.Unreachable:
                    return (ErrorIds.GraphUnreachable, ErrorCategory.ConnectionError, "Check the network path to the Graph endpoint and try again.");
                case GraphFailureKind.PasswordRejected:
                    return (ErrorIds.PasswordRejected, ErrorCategory.InvalidArgument,
                        "The password breaks the tenant's password policy or banned-password list; choose another one, or omit -NewPassword to generate one.");
                case GraphFailureKind.OnPremisesMastered:
                    return (ErrorIds.SyncedUserWritebackRequired, ErrorCategory.InvalidOperation,
                        "This user is synced from on-premises Active Directory. Enable password writeback (Entra Connect or Cloud Sync) to reset it here, or reset it in on-premises AD.");
                case GraphFailureKind.FederatedUser:
                    return (ErrorIds.FederatedUserPasswordNotManaged, ErrorCategory.InvalidOperation,
                        "The user's domain is federated: the password is managed by the federation's identity provider; change it there.");
                case GraphFailureKind.BadRequest:
                case GraphFailureKind.UnsupportedQuery:
                    return (ErrorIds.GraphBadRequest, ErrorCategory.InvalidArgument, "Graph refused the request as written; check the values and the OData syntax.");
                case GraphFailureKind.Authentication:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "The token is missing, expired or not for this Graph endpoint; run Connect-AadGraph again.");
                case GraphFailureKind.PermissionDenied:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, PermissionAdvice);
                case GraphFailureKind.NotFound:
                    return (ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, "Check the userPrincipalName or object id; Get-AadUser -Filter finds users.");
                case GraphFailureKind.Throttled:
                    return (ErrorIds.Throttled, ErrorCategory.LimitsExceeded, "Graph went on throttling the requests after the retries; wait and run the remaining users again.");
                case GraphFailureKind.Unavailable:
                    return (ErrorIds.GraphUnavailable, ErrorCategory.ResourceUnavailable, "Graph is unavailable; try again later.");
                default:
                    return (ErrorIds.GraphRequestFailed, ErrorCategory.NotSpecified, "See Graph's message and quote the request-id to Microsoft support.");
            }
        }
    }
}
