using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using PasswordReset.Resets;

namespace PasswordReset.Commands
{
    /// <summary>
    /// The one hand-off from a <see cref="ResetRun"/> to PowerShell, on the pipeline thread: results, error records,
    /// warnings, verbose and debug lines, progress. A result is always written before any message about it, so a message
    /// that turns into a failing prompt (<c>-Debug</c>, <c>-WarningAction Inquire</c> without a console) can never swallow
    /// an accepted reset: once any write fails, the run stops sending and every result Graph already accepted is written
    /// before the failure goes on. When the pipeline is stopped, nothing can be written any more: accepted results go to
    /// the console host (and are in the journal).
    /// </summary>
    internal sealed class RunPump
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
        // How long a stop waits for batches already on the wire: long enough for a normal answer, short enough for Ctrl+C.
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

        private readonly AadCmdlet _cmdlet;
        private readonly ResetRun _run;
        private readonly ResetJournal? _journal;
        private readonly string _activity;
        private readonly List<PasswordResetResult> _unwritten = new List<PasswordResetResult>();
        private long _written;
        private const int ActivityId = 7100; // Get-AadUser's listing uses 7101, so both bars show in one pipeline
        private readonly int _activityId;
        private DateTime _nextProgress = DateTime.UtcNow + ProgressInterval;
        private bool _messagesFailed;
        private bool _stopped;
        private bool _salvaged;
        private bool _progressShown;
        private bool _finished;

        public RunPump(AadCmdlet cmdlet, ResetRun run, ResetJournal? journal, string activity)
        {
            _cmdlet = cmdlet;
            _run = run;
            _journal = journal;
            _activity = activity;
            _activityId = ActivityId;
        }

        /// <summary>The pipeline is being stopped (called on the stopping thread): nothing new is sent.</summary>
        public void OnStopping() => _run.Stop();

        /// <summary>Hands an input to the run, writing what is ready meanwhile; waits while the run is full.</summary>
        public void Submit(ResetInput input)
        {
            Say(RunMessageLevel.Verbose, $"Resetting the password of '{input.Reference.Describe()}'.");
            while (!_run.TrySubmit(input)) Pump(wait: true);
            Pump(wait: false);
        }

        /// <summary>No more input: writes every outcome as it completes, then ends the progress bar; a run the policy ended throws.</summary>
        public void Finish()
        {
            _run.Complete();
            while (!_run.IsCompleted) Pump(wait: true);
            Pump(wait: false); // outcomes queued just before completion
            WriteProgress(completed: true);
            if (_run.BatchStatistics is { } stats)
            {
                Say(RunMessageLevel.Debug, $"Sent {stats.BatchesSent} batches with {stats.CallsSent} requests: {stats.Retries} retried, {stats.Throttled} throttled (429), {stats.BatchFailures} batches failed whole; {_run.TokenRefreshes} token refreshes after a 401; {Count(_run.Counters.Succeeded, "reset")} in {_run.Counters.Elapsed.TotalSeconds:F1} s.");
            }
            if (_run.Forbidden > 0)
            {
                Say(RunMessageLevel.Warning, $"{Count(_run.Forbidden, "reset")} {(_run.Forbidden == 1 ? "was" : "were")} refused with 403 Authorization_RequestDenied. The token has a reset permission and role, so the likely cause " +
                    "is that the role may not reset those users: Helpdesk and Password Administrators cannot reset admins, User Administrators cannot reset " +
                    "Global or privileged admins; only a Privileged Authentication Administrator (or Global Administrator) may reset every user.");
            }

            _finished = true;
            if (_run.Ended is RunEndedException ended)
            {
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.RunEnded(ended, _run.Counters.NotAttempted));
            }
        }

        /// <summary>
        /// When the run did not finish normally — stopped (Ctrl+C, Stop(), Stop-Job), or a command before or after this one
        /// failed — nothing can be written as output any more: waits briefly for the batches in flight, then hands every
        /// accepted result that was not written, and every reset still waiting for Graph's answer, to the host (the journal
        /// already has them). Safe to call more than once.
        /// </summary>
        public void SalvageIfUnfinished()
        {
            if (_salvaged || _finished) return;
            _salvaged = true;
            _run.Stop();
            _run.Complete(); // no input comes after this
            // Dispose and catch blocks are synchronous; waiting on the pipeline thread is what PowerShell expects here.
            _run.WaitForCompletionAsync(StopGrace).GetAwaiter().GetResult();
            while (_run.TryTake(out RunEvent? runEvent))
            {
                if (runEvent is ResetSucceeded success && !success.FromJournal) _unwritten.Add(success.Result);
            }

            IReadOnlyCollection<PasswordResetResult> unanswered = _run.AwaitingAnswer();
            long notAttempted = _run.Counters.NotAttempted;
            _journal?.RecordStopped(notAttempted);
            PSHostUserInterface? ui = _cmdlet.Host?.UI;
            if (ui is null || (_unwritten.Count == 0 && unanswered.Count == 0 && notAttempted == 0)) return;
            foreach (PasswordResetResult result in _unwritten)
            {
                ui.WriteLine(
                    $"Stopped after Graph had accepted the password reset of '{result.UserPrincipalName}' ({result.Id}) at {result.ResetTime:u}" +
                    (result.TemporaryPassword is null ? "." : $"; its temporary password is: {result.TemporaryPassword}"));
            }

            foreach (PasswordResetResult result in unanswered)
            {
                ui.WriteLine(
                    $"Stopped while the reset of '{result.UserPrincipalName}' ({result.Id}) was still waiting for Graph's answer: it may have been applied" +
                    (result.TemporaryPassword is null ? "." : $"; if so, its temporary password is: {result.TemporaryPassword} (reset this user again to be sure)."));
            }

            // A summary an admin can act on: what reached the output, what only the lines above hold, what never started.
            ui.WriteLine($"Stopped: {Count(_written, "reset")} written as output" +
                (_unwritten.Count > 0 ? $"; {Count(_unwritten.Count, "reset")} Graph accepted could not be written, listed above with {(_unwritten.Count == 1 ? "its password" : "their passwords")}" : string.Empty) +
                (unanswered.Count > 0 ? $"; {Count(unanswered.Count, "reset")} still waiting for Graph's answer, listed above" : string.Empty) +
                $". Not attempted: {ErrorRecordFactory.Inputs(notAttempted)} that had reached Reset-AadUserPassword (inputs still upstream in the pipeline were not read)." +
                (_journal is null
                    ? " Reset the users without a result again; next time use -JournalPath, and -Resume finishes a stopped run."
                    : $" The journal '{_journal.Path}' has every password sent; run the same command again with -Resume to finish."));
        }

        private void Pump(bool wait)
        {
            if (wait) _run.EventSignal.WaitOne(100);
            while (_run.TryTake(out RunEvent? runEvent))
            {
                Write(runEvent!);
            }

            if (DateTime.UtcNow >= _nextProgress) WriteProgress(completed: false);
        }

        private void Write(RunEvent runEvent)
        {
            switch (runEvent)
            {
                case ResetSucceeded success:
                    WriteResult(success.Result);
                    Say(RunMessageLevel.Verbose, success.FromJournal
                        ? $"The journal records the reset of '{success.Result.UserPrincipalName}' ({success.Result.Id}); it was not reset again."
                        : $"Reset the password of '{success.Result.UserPrincipalName}' ({success.Result.Id}); request-id {success.Result.RequestId}.");
                    foreach (string warning in success.Warnings) Say(RunMessageLevel.Warning, warning);
                    break;
                case ResetFailed failure:
                    // Under -ErrorAction Stop the error ends the pipeline, and nothing can be written after it: stop sending
                    // and write every result Graph accepts for what is in flight first.
                    if (Preference("ErrorAction", "ErrorActionPreference") == ActionPreference.Stop) WriteResultsFirst();
                    Guard(() => _cmdlet.WriteError(ErrorRecordFactory.FromRun(failure)));
                    break;
                case RunMessage message:
                    Say(message.Level, message.Text);
                    break;
            }
        }

        private void WriteResult(PasswordResetResult result)
        {
            if (_stopped)
            {
                _unwritten.Add(result);
                return;
            }

            try
            {
                _cmdlet.WriteObject(result);
                _written++;
            }
            catch (Exception)
            {
                // Stopped, or a command downstream failed (e.g. Export-Csv on a full disk): no output is possible any more.
                _stopped = true;
                _unwritten.Add(result);
                SalvageIfUnfinished();
                throw;
            }
        }

        private void Say(RunMessageLevel level, string text)
        {
            if (_messagesFailed) return;
            switch (level)
            {
                case RunMessageLevel.Warning:
                    if (Preference("WarningAction", "WarningPreference") == ActionPreference.Stop) WriteResultsFirst();
                    Guard(() => _cmdlet.WriteWarning(text));
                    break;
                case RunMessageLevel.Debug:
                    Guard(() => _cmdlet.WriteDebug(text));
                    break;
                default:
                    Guard(() => _cmdlet.WriteVerbose(text));
                    break;
            }
        }

        // A write that throws (a prompt that cannot be shown, -ErrorAction Stop, -WarningAction Stop) ends the run here, but
        // first every result Graph accepted is written; then the failure goes on as PowerShell meant it.
        private void Guard(Action write)
        {
            try
            {
                write();
            }
            catch (PipelineStoppedException)
            {
                _stopped = true;
                SalvageIfUnfinished();
                throw;
            }
            catch (Exception) when (!_messagesFailed)
            {
                WriteResultsFirst();
                throw;
            }
        }

        // The preference in force for a stream: the common parameter when given, else the caller's preference variable.
        private ActionPreference Preference(string parameter, string variable)
        {
            object? value = _cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out object? bound) ? bound : _cmdlet.GetVariableValue(variable);
            return LanguagePrimitives.TryConvertTo(value, out ActionPreference preference) ? preference : ActionPreference.Continue;
        }

        // Before a write that will end the pipeline: no new request, and every result of what is in flight written first.
        private void WriteResultsFirst()
        {
            _messagesFailed = true; // nothing but results from here on
            _run.Stop();
            _run.Complete();
            bool done;
            do
            {
                done = _run.IsCompleted;
                _run.EventSignal.WaitOne(done ? 0 : 100);
                while (_run.TryTake(out RunEvent? runEvent))
                {
                    if (runEvent is ResetSucceeded success) WriteResult(success.Result);
                }
            }
            while (!done);
        }

        private void WriteProgress(bool completed)
        {
            _nextProgress = DateTime.UtcNow + ProgressInterval;
            if (_messagesFailed || _stopped) return;
            RunCounters counters = _run.Counters;
            if (!completed && counters.Submitted == 0) return;
            if (completed && !_progressShown) return;
            var record = new ProgressRecord(_activityId, _activity,
                $"{counters.Succeeded} reset, {counters.Failed} failed, {counters.Submitted - counters.Completed} in flight; {counters.ResetsPerSecond:F1} resets/s")
            {
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _progressShown = true;
            Guard(() => _cmdlet.WriteProgress(record));
        }

        /// <summary>"1 reset", "2 resets".</summary>
        private static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
