using System;
using System.Management.Automation;
using PasswordReset.Auth;
using PasswordReset.Errors;
using PasswordReset.Resets;
using PasswordReset.Runs;
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

        /// <summary>Why a revocation gets 403 (graph-facts.md §9: Microsoft names no role; public reports: non-admins get 403).</summary>
        public const string RevokePermissionCause =
            "Graph answers 403 both when the token lacks a permission that allows revoking sessions (User.RevokeSessions.All) and " +
            "when the caller's role may not act on this user (Microsoft names no role; in practice the roles that may reset the " +
            "user's password: Helpdesk or Password Administrator for non-admins, User Administrator for most users, Privileged " +
            "Authentication Administrator for anyone).";

        private const string RevokePermissionAdvice =
            "If the token lacks the permission, grant User.RevokeSessions.All and connect again (Connect-AadGraph -Scopes); " +
            "otherwise revoke this user's sessions with an account holding a higher role.";

        /// <summary>Why a pass gets 403 (revoke-and-tap-facts.md §2, E1).</summary>
        public const string AccessPassPermissionCause =
            "Graph answers 403 both when the token lacks UserAuthenticationMethod.ReadWrite.All and when the caller's role may not " +
            "give this user a pass: an Authentication Administrator may for members only, a Privileged Authentication Administrator " +
            "or Global Administrator for admins too, and nobody for their own account.";

        private const string AccessPassPermissionAdvice =
            "If the token lacks the permission, grant UserAuthenticationMethod.ReadWrite.All and connect again (Connect-AadGraph -Scopes); " +
            "otherwise issue this user's pass with a Privileged Authentication Administrator (or from another admin's account, for your own).";

        /// <summary>
        /// A failed Graph request; <paramref name="step"/> says which step of a user's work it was, so the message names it and
        /// the advice fits; reads outside a run (Get-AadUser) pass <paramref name="reading"/>. <paramref name="user"/> names the
        /// user in the message and the category info (the target object is the input as given, and its text — a CSV row's
        /// other columns, a TemporaryPassword among them — is never repeated).
        /// </summary>
        public static ErrorRecord FromGraph(GraphRequestException ex, object? target, UserReference? user, RunStep? step = null, bool reading = false)
        {
            var (id, category, advice) = Classify(ex);
            reading |= step == RunStep.Lookup;
            string? cause = null;
            if (ex.Kind == GraphFailureKind.PermissionDenied)
            {
                (cause, advice) = reading ? (ReadPermissionCause, ReadPermissionAdvice)
                    : step == RunStep.RevokeSessions ? (RevokePermissionCause, RevokePermissionAdvice)
                    : step == RunStep.CreateAccessPass ? (AccessPassPermissionCause, AccessPassPermissionAdvice)
                    : (PermissionCause, PermissionAdvice);
            }

            var record = Named(new ErrorRecord(ex, id, category, target), user);
            // In a bulk run the message is what the admin reads first: it names the user, not only TargetObject.
            // A 403 looks the same for a missing permission and a role that may not act on this user: say both.
            string message = (step is RunStep named ? Doing(named, user) + " failed: " : string.Empty) + ex.Message + (cause is null ? string.Empty : " " + cause);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            return record;
        }

        // What the step was doing, for messages: "Resetting the password of 'adele@contoso.com'".
        private static string Doing(RunStep step, UserReference? user) => step switch
        {
            RunStep.Lookup => $"Looking up '{user?.Describe()}'",
            RunStep.Reset => $"Resetting the password of '{user?.Describe()}'",
            RunStep.RevokeSessions => $"Revoking the sign-in sessions of '{user?.Describe()}'",
            RunStep.CreateAccessPass => $"Creating a Temporary Access Pass for '{user?.Describe()}'",
            _ => $"Checking '{user?.Describe()}'",
        };

        /// <summary>One input's outcome of a run, naming the step that failed so the advice fits it.</summary>
        public static ErrorRecord FromRun(UserFailed failure) => Named(FromRunUnnamed(failure), failure.Input.Reference);

        private static ErrorRecord FromRunUnnamed(UserFailed failure)
        {
            object target = failure.Input.Target;
            switch (failure.Error)
            {
                case DuplicateInputException duplicate:
                    return Create(duplicate, ErrorIds.DuplicateInput, ErrorCategory.InvalidOperation, target,
                        "Nothing to do: the earlier input's result is this user's. Remove duplicate rows from the input.");
                case UserRefusedException refused:
                    return ExternalUser(refused, target);
                case GraphRequestException graph when graph.MayHaveBeenApplied && failure.Step == RunStep.Reset:
                    return Create(new TimeoutException(
                        $"The reset of '{failure.Input.Reference}' was sent, but no final answer came back after the retries ({graph.Message}). " +
                        "Graph may have applied the new password, and it is not known which password the user now has.", graph),
                        ErrorIds.ResetOutcomeUnknown, ErrorCategory.ResourceUnavailable, target,
                        "The password may have changed: reset this user again to set a known password (or use -JournalPath and -Resume, which re-sends the same password).");
                case GraphRequestException graph when graph.MayHaveBeenApplied && failure.Step == RunStep.CreateAccessPass:
                    return Create(new TimeoutException(
                        $"The Temporary Access Pass for '{failure.Input.Reference}' was requested, but no final answer came back after the retries ({graph.Message}). " +
                        "Graph may have created a pass, and its code is not known.", graph),
                        ErrorIds.AccessPassOutcomeUnknown, ErrorCategory.ResourceUnavailable, target,
                        "A pass may exist for this user: issue one again with New-AadUserTemporaryAccessPass (the new pass replaces it) and hand over that code.");
                case GraphRequestException graph:
                    return FromGraph(graph, target, failure.Input.Reference, failure.Step);
                default:
                    return Create(failure.Error, ErrorIds.GraphRequestFailed, ErrorCategory.NotSpecified, target,
                        "An unexpected failure; run this user again, and report it if it repeats.");
            }
        }

        /// <summary>
        /// A later step that failed after the user's main step succeeded and its result was written — the revocation after a
        /// reset (<c>-RevokeSessions</c>): its own non-terminating error, never a failed reset.
        /// </summary>
        public static ErrorRecord LaterStepFailed(UserSucceeded success, StepFailure failure)
        {
            object target = success.Input.Target;
            Exception error = failure.Error;
            ErrorCategory category = error is GraphRequestException graph ? Classify(graph).Category : ErrorCategory.OperationStopped;
            string cause = error is GraphRequestException { Kind: GraphFailureKind.PermissionDenied } ? " " + RevokePermissionCause : string.Empty;
            string id = (success.Result as PasswordResetResult)?.Id ?? success.Input.Reference.Key;
            var record = Named(new ErrorRecord(error, ErrorIds.SessionRevocationFailed, category, target), success.Input.Reference);
            record.ErrorDetails = new ErrorDetails(
                $"The password of '{success.Input.Reference}' was reset and its result written, but revoking its sign-in sessions failed: {error.Message}{cause} " +
                "Refresh tokens and sessions issued before the reset stay valid until they are revoked.")
            {
                RecommendedAction = $"Revoke this user's sessions: Revoke-AadUserSignInSession -Id {id} (it needs User.RevokeSessions.All and a role that may act on the user).",
            };
            return record;
        }

        /// <summary>The terminating error of a run the policy ended (a 401: no other user can succeed).</summary>
        public static ErrorRecord RunEnded(RunEndedException ended, long notAttempted, string command) =>
            Create(new UnauthorizedAccessException(ended.Message + $" Not attempted: {Inputs(notAttempted)} that had reached {command} (inputs still upstream in the pipeline were not read). Results Graph had accepted were written.", ended),
                ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, null,
                "Run Connect-AadGraph again, then run the users without a result again (with Reset-AadUserPassword -JournalPath and -Resume, users already reset are skipped).");

        /// <summary>"1 input", "2 inputs".</summary>
        public static string Inputs(long count) => count == 1 ? "1 input" : $"{count} inputs";

        /// <summary>The token's claims show that no reset can succeed (terminating, before any request).</summary>
        public static ErrorRecord NoResetPermission(string reason) =>
            Create(new UnauthorizedAccessException(reason + " A reset needs User-PasswordProfile.ReadWrite.All and a directory role that may reset the targets."),
                ErrorIds.PasswordResetPermissionMissing, ErrorCategory.PermissionDenied, null,
                "Grant User-PasswordProfile.ReadWrite.All and assign a role that may reset these users (Helpdesk or Password Administrator: non-admins; " +
                "User Administrator: most users; Privileged Authentication Administrator: anyone), then connect again.");

        /// <summary>The token's claims show that no revocation can succeed (terminating, before any request).</summary>
        public static ErrorRecord NoRevokePermission(string reason) =>
            Create(new UnauthorizedAccessException(reason + " Revoking sign-in sessions needs User.RevokeSessions.All (or User.ReadWrite.All, Directory.ReadWrite.All)."),
                ErrorIds.SessionRevocationPermissionMissing, ErrorCategory.PermissionDenied, null,
                "Grant User.RevokeSessions.All (delegated: Connect-AadGraph -Scopes User.Read.All, User-PasswordProfile.ReadWrite.All, User.RevokeSessions.All; " +
                "an app: the application permission), then connect again.");

        /// <summary>The token's claims show that no Temporary Access Pass can be created (terminating, before any request).</summary>
        public static ErrorRecord NoAccessPassPermission(string reason) =>
            Create(new UnauthorizedAccessException(reason + " Creating a Temporary Access Pass needs UserAuthenticationMethod.ReadWrite.All and, for a signed-in admin, the Authentication Administrator role (members) or Privileged Authentication Administrator (anyone)."),
                ErrorIds.AccessPassPermissionMissing, ErrorCategory.PermissionDenied, null,
                "Grant UserAuthenticationMethod.ReadWrite.All (delegated: Connect-AadGraph -Scopes User.Read.All, UserAuthenticationMethod.ReadWrite.All; " +
                "an app: the application permission) and assign a role that may issue passes, then connect again.");

        /// <summary>The -JournalPath cannot be used (terminating; nothing was sent).</summary>
        public static ErrorRecord Journal(JournalException ex, string path) =>
            Create(ex, ErrorIds.JournalUnavailable, ErrorCategory.InvalidArgument, path,
                "Give a new journal path, or -Resume with the journal of a run against this tenant.");

        /// <summary>Sign-in failed (terminating); the advice fits the sign-in mode.</summary>
        public static ErrorRecord SignInFailed(SignInFailedException ex, string? tenantId, bool interactive) =>
            Create(ex, ErrorIds.SignInFailed, ErrorCategory.AuthenticationError, tenantId,
                ex.IsNetworkFailure
                    ? "Entra ID was not reached: check the network path to the sign-in endpoint (DNS, proxy, firewall) or -AuthorityHost; the credential was not judged."
                    : interactive
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

        /// <summary>A -StartDateTime no pass can have (terminating; nothing was sent).</summary>
        public static ErrorRecord InvalidAccessPassStart(string message, DateTimeOffset start) =>
            Create(new ArgumentException(message), ErrorIds.InvalidAccessPassStart, ErrorCategory.InvalidArgument, start,
                "Give a start from now on (or omit -StartDateTime for a pass usable at once).");

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

        /// <summary>An external (B2B guest) user refused before any call; the id and advice fit the step that was refused.</summary>
        public static ErrorRecord ExternalUser(UserRefusedException ex, object? target) => ex.RefusedStep switch
        {
            RunStep.RevokeSessions => Create(ex, ErrorIds.ExternalUserSessionsNotManaged, ErrorCategory.InvalidOperation, target,
                "Ask an admin of the user's home tenant to revoke the sessions there; here you can block the guest's sign-in or remove the guest."),
            RunStep.CreateAccessPass => Create(ex, ErrorIds.ExternalUserAccessPassNotAllowed, ErrorCategory.InvalidOperation, target,
                "Passes are for the tenant's own users: the guest signs in through its home tenant, where its methods are managed."),
            _ => Create(ex, ErrorIds.ExternalUserPasswordNotManaged, ErrorCategory.InvalidOperation, target,
                "Reset the password in the user's home tenant or identity provider, or ask the user to use self-service password reset there."),
        };

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
                case GraphFailureKind.AccessPassPolicyRefused:
                    return (ErrorIds.AccessPassPolicyRefused, ErrorCategory.InvalidOperation,
                        "Check the tenant's Temporary Access Pass policy (Entra admin center, Authentication methods): it must be enabled and include this user; " +
                        "when it allows one-time passes only, omit -IsUsableOnce:$false.");
                case GraphFailureKind.AccessPassLifetimeRefused:
                    return (ErrorIds.AccessPassLifetimeRefused, ErrorCategory.InvalidArgument,
                        "Give a -LifetimeInMinutes within the range Graph's message names, or omit it to use the policy's default lifetime.");
                case GraphFailureKind.ExternalUserRefused:
                    return (ErrorIds.ExternalUserAccessPassNotAllowed, ErrorCategory.InvalidOperation,
                        "Passes are for the tenant's own users: the guest signs in through its home tenant, where its methods are managed.");
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
