using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Passwords;
using PasswordReset.Runs;
using PasswordReset.Sessions;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>
    /// <c>Reset-AadUserPassword</c>'s work for one user — <b>this is where a reset happens</b>: the password is fixed
    /// once, the journal's intent written, and <c>PATCH /users/{id}</c> sent through the run's caller, which batches, paces
    /// and retries it with the same password, so the password emitted is always the one Graph holds. A generated password
    /// Graph rejects (banned list) is regenerated and sent once more; an admin's own password never is. With
    /// <c>-RevokeSessions</c> the user's sign-in sessions are revoked once the reset is accepted, in a later request (never
    /// a <c>dependsOn</c> batch, graph-facts.md §5), and the result is handed over once that answer is in; meanwhile a stop
    /// hands the held result over as accepted. A failed revocation never loses the password: the result is emitted with
    /// <see cref="PasswordResetResult.SessionsRevoked"/> false, and the failure is its own error
    /// (<see cref="UserSucceeded.LaterFailure"/>), not a failed reset. The run around it (<see cref="UserRun"/>) looks the
    /// user up, refuses external accounts (<see cref="Refuse"/>) and keeps one reset per user.
    /// </summary>
    public sealed class ResetOperation : UserOperation
    {
        private readonly PasswordResetOptions _password;
        private readonly ResetJournal? _journal;
        private readonly bool _revokeSessions;
        private readonly TemporaryPasswordGenerator _generator = new TemporaryPasswordGenerator();

        /// <summary>Creates the operation. The journal, when given, is owned by the caller.</summary>
        public ResetOperation(PasswordResetOptions password, ResetJournal? journal, bool revokeSessions = false)
        {
            _password = password ?? throw new ArgumentNullException(nameof(password));
            _journal = journal;
            _revokeSessions = revokeSessions;
        }

        internal override UserRefusedException? Refuse(AadUser user) => RefuseExternal(user, RunStep.Reset,
            "its password belongs to its home tenant or identity provider and can only be reset there.");

        internal override async Task<UserOutcome> RunAsync(UserWork work, CancellationToken stop)
        {
            AadUser user = work.User;
            JournalRecord? previous = null;
            if (_journal != null && _journal.Previous.TryGetValue(user.Id, out previous) && previous.Succeeded)
            {
                PasswordResetResult recorded = ResultFromJournal(user, previous);
                StepFailure? missedRevocation = _revokeSessions && !recorded.SessionsRevoked ? await RevokeAfterResetAsync(work, recorded, stop).ConfigureAwait(false) : null;
                return UserOutcome.Success(recorded, fromJournal: true, laterFailure: missedRevocation);
            }

            work.Step = RunStep.Reset;
            string? journaled = _password.NewPassword is null ? previous?.Password : null;
            string password = _password.NewPassword ?? journaled ?? _generator.Generate(_password.PasswordLength);
            GraphAnswer answer = await SendResetAsync(work, password, stop).ConfigureAwait(false);
            if (!answer.IsSuccess && _password.NewPassword is null && answer.ToException().Kind == GraphFailureKind.PasswordRejected)
            {
                // A generated password can still hit the tenant's banned list: regenerate once, as the portal would.
                password = _generator.Generate(_password.PasswordLength);
                answer = await SendResetAsync(work, password, stop).ConfigureAwait(false);
            }

            if (!answer.IsSuccess)
            {
                GraphRequestException refused = answer.ToException();
                // A refusal after an attempt whose answer was lost (e.g. a 401 once the token was revoked) does not
                // mean nothing changed: the earlier attempt may have set this password. That is "outcome unknown".
                refused.MayHaveBeenApplied = answer.EarlierAttemptMayHaveApplied && refused.Kind != GraphFailureKind.PasswordRejected;
                _journal?.RecordFailure(user.Id, refused.StatusCode, refused.GraphErrorCode, refused.MayHaveBeenApplied);
                return UserOutcome.Failed(RunStep.Reset, refused);
            }

            var result = new PasswordResetResult
            {
                Id = user.Id,
                UserPrincipalName = user.UserPrincipalName,
                DisplayName = user.DisplayName,
                TemporaryPassword = _password.NewPassword is null ? password : null,
                ForceChangePasswordNextSignIn = _password.ForceChangePasswordNextSignIn,
                ForceChangePasswordNextSignInWithMfa = _password.ForceChangePasswordNextSignInWithMfa,
                ResetTime = DateTimeOffset.UtcNow,
                RequestId = answer.RequestId,
                OnPremisesSyncEnabled = user.OnPremisesSyncEnabled == true,
            };
            _journal?.RecordSuccess(result);
            var warnings = new List<string>();
            if (result.OnPremisesSyncEnabled)
            {
                warnings.Add($"'{result.UserPrincipalName}' is synced from on-premises Active Directory: the new password is written back on-premises through password writeback.");
            }

            StepFailure? revocation = _revokeSessions ? await RevokeAfterResetAsync(work, result, stop).ConfigureAwait(false) : null;
            return UserOutcome.Success(result, warnings, laterFailure: revocation);
        }

        // The intent is on disk before the request leaves, so even after kill -9 the password sent is known.
        private async Task<GraphAnswer> SendResetAsync(UserWork work, string password, CancellationToken stop)
        {
            AadUser user = work.User;
            stop.ThrowIfCancellationRequested();
            if (_journal != null)
            {
                await _journal.RecordIntentAsync(user, work.Input, _password.NewPassword is null ? password : null, _password).ConfigureAwait(false);
            }

            // What the admin would need if the run is stopped before Graph answers: the password that may now be in force.
            work.Pending(new PasswordResetResult
            {
                Id = user.Id, UserPrincipalName = user.UserPrincipalName, DisplayName = user.DisplayName,
                TemporaryPassword = _password.NewPassword is null ? password : null, ResetTime = DateTimeOffset.UtcNow,
            }, accepted: false);
            try
            {
                GraphAnswer answer = await work.Caller.SendAsync(ResetRequests.Patch(user, password, _password), stop).ConfigureAwait(false);
                if (!answer.IsSuccess && !answer.EarlierAttemptMayHaveApplied) work.NothingPending(); // refused: this password is not in force
                return answer;
            }
            catch (GraphRequestException ex)
            {
                _journal?.RecordFailure(user.Id, ex.StatusCode, ex.GraphErrorCode, ex.MayHaveBeenApplied);
                throw;
            }
        }

        // After an accepted reset: the revocation, in a request of its own. Whatever happens, the result stands.
        private async Task<StepFailure?> RevokeAfterResetAsync(UserWork work, PasswordResetResult result, CancellationToken stop)
        {
            // Until the revocation is answered, a stop hands the result over as accepted (with its password).
            work.Pending(result, accepted: true);
            try
            {
                var (at, requestId) = await SessionRevocation.RevokeAsync(work.Caller, work.User, stop).ConfigureAwait(false);
                result.SessionsRevoked = true;
                result.SessionsRevokedDateTime = at;
                _journal?.RecordRevoked(result.Id, requestId);
                return null;
            }
            catch (GraphRequestException ex)
            {
                return new StepFailure(RunStep.RevokeSessions, ex);
            }
            catch (OperationCanceledException ex)
            {
                return new StepFailure(RunStep.RevokeSessions, new OperationCanceledException("The run was stopped before the revocation was sent; the sessions were not revoked.", ex));
            }
        }

        private static PasswordResetResult ResultFromJournal(AadUser user, JournalRecord record) => new PasswordResetResult
        {
            Id = user.Id,
            UserPrincipalName = record.UserPrincipalName ?? user.UserPrincipalName,
            DisplayName = record.DisplayName ?? user.DisplayName,
            TemporaryPassword = record.Password,
            ForceChangePasswordNextSignIn = record.ForceChangePasswordNextSignIn,
            ForceChangePasswordNextSignInWithMfa = record.ForceChangePasswordNextSignInWithMfa,
            ResetTime = record.ResetTime ?? DateTimeOffset.UtcNow,
            RequestId = record.RequestId,
            OnPremisesSyncEnabled = record.OnPremisesSyncEnabled,
            SessionsRevoked = record.SessionsRevokedDateTime.HasValue,
            SessionsRevokedDateTime = record.SessionsRevokedDateTime,
        };
    }
}
