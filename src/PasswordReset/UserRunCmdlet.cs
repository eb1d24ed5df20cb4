using System;
using System.Management.Automation;
using PasswordReset.Graph;
using PasswordReset.Resets;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on users in bulk (Reset-AadUserPassword, Revoke-AadUserSignInSession,
    /// New-AadUserTemporaryAccessPass): the same identity inputs (<see cref="UserCmdlet"/>), the same confirmation rules (ConfirmImpact High, -Force), the same
    /// batching parameters, and one <see cref="UserRun"/> of the cmdlet's <see cref="UserOperation"/> whose outcomes
    /// <see cref="RunPump"/> writes. A cmdlet adds its own parameters and checks in <see cref="PrepareRun"/>.
    /// </summary>
    public abstract class UserRunCmdlet : UserCmdlet
    {
        /// <summary>Do not ask for confirmation (-WhatIf is still honoured).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Requests per JSON batch (POST /v1.0/$batch), 1–20 (20 is Graph's maximum). Each inner request counts against Graph's limits on its own.</summary>
        [Parameter]
        [ValidateRange(1, 20)]
        public int BatchSize { get; set; } = 20;

        /// <summary>
        /// Batches in flight at once, 1–64. The module slows down by itself when Graph signals load
        /// (x-ms-throttle-limit-percentage, 429 Retry-After), so this is a ceiling, not a rate.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Seconds one batch may wait for Graph's answer before it is sent again exactly as before (the same password, the same request), 1–600.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        private UserRun? _run;
        private RunPump? _pump;
        private long _index;

        /// <summary>What ShouldProcess asks about each user, e.g. "Reset password".</summary>
        protected abstract string Action { get; }

        /// <summary>The cmdlet's words for the run's progress, messages and stop lines.</summary>
        private protected abstract RunReport Report { get; }

        /// <summary>The reset's journal, when the run keeps one.</summary>
        private protected virtual ResetJournal? Journal => null;

        /// <summary>
        /// The cmdlet's own checks before any request (parameters that conflict, the token's permissions — each a terminating
        /// error), then the operation to run for each user.
        /// </summary>
        private protected abstract UserOperation PrepareRun(GraphConnection connection);

        /// <summary>True when -WhatIf is in force (the parameter, or $WhatIfPreference).</summary>
        protected bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            GraphConnection connection = RequireConnection();
            if (IdentityInputs.Conflict(UserPrincipalName, Id) is string conflict) ThrowParameterConflict(conflict);
            UserOperation operation = PrepareRun(connection);
            var options = new UserRunOptions
            {
                BatchSize = BatchSize,
                ThrottleLimit = ThrottleLimit,
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                // Enough users in flight to keep every batch slot full with lookups and writes at once.
                MaxUsersInFlight = BatchSize * ThrottleLimit * 2,
            };
            _run = UserRun.Start(connection, operation, options);
            _pump = new RunPump(this, _run, Report, Journal);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var users = ParameterSetName == InputObjectSet ? IdentityInputs.FromInputObject(InputObject) : IdentityInputs.FromParameters(UserPrincipalName, Id);
            foreach (NamedUser user in users) Submit(user);
        }

        private void Submit(NamedUser user)
        {
            if (user.Error != null)
            {
                WriteError(ErrorRecordFactory.InvalidIdentity(user.Error, user.Target));
                return;
            }

            // UserInput keeps a Get-AadUser object only when it has an id; any other input is looked up, and the prompt
            // names the key really used.
            var input = new UserInput(_index, user.Reference!, user.Known, user.Target ?? string.Empty);
            if (!Confirmed(input.KnownUser is null ? user.Reference!.Describe() : user.Reference!.ToString())) return;

            _index++;
            _pump!.Submit(input);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _pump?.Finish();

        /// <inheritdoc />
        protected override void OnStopping() => _pump?.OnStopping();

        /// <inheritdoc />
        protected override void OnDisposing()
        {
            // A run that did not finish — stopped while the pipeline thread was elsewhere (e.g. upstream), or ended by another
            // command's failure — still hands over every result Graph accepted; then the run is closed.
            _pump?.SalvageIfUnfinished();
            _run?.Dispose();
        }

        /// <summary>A terminating ParameterConflict error.</summary>
        protected void ThrowParameterConflict(string message, string? advice = null) =>
            ThrowTerminatingError(advice is null ? ErrorRecordFactory.ParameterConflict(message) : ErrorRecordFactory.ParameterConflict(message, advice));

        /// <summary>True when the cmdlet runs in PowerShell's console host (which shows the lines a stop prints).</summary>
        protected bool HasConsoleHost => string.Equals(Host?.Name, "ConsoleHost", StringComparison.Ordinal);

        // ConfirmImpact is High, so ShouldProcess asks by default; -Force skips the question but not -WhatIf or -Confirm.
        private bool Confirmed(string target)
        {
            bool whatIf = WhatIfRequested;
            bool confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out object? c) && ((SwitchParameter)c).IsPresent;
            if (Force.IsPresent && !whatIf && !confirm) return true;
            try
            {
                return ShouldProcess(target, Action);
            }
            catch (Exception ex) when (ex is System.Management.Automation.Host.HostException || ex is NullReferenceException || ex is PSInvalidOperationException)
            {
                // The host cannot prompt (-NonInteractive, or its input is at end of file, where ConsoleHost's prompt fails
                // with a NullReferenceException): say what to do instead of a bare host exception.
                ThrowTerminatingError(ErrorRecordFactory.ConfirmationUnavailable(ex, target, MyInvocation.MyCommand.Name));
                return false;
            }
        }
    }
}
