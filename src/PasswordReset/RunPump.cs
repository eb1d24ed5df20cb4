using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using PasswordReset.Resets;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary>
    /// The one hand-off from a <see cref="UserRun"/> to PowerShell, on the pipeline thread, for every cmdlet that acts on
    /// users in bulk: results, error records, warnings, verbose and debug lines, progress; the cmdlet's words come from its
    /// <see cref="RunReport"/>. A result is always written before any message about it — and before the error of a later
    /// step that failed (a revocation after a reset) — so a message that turns into a failing prompt (<c>-Debug</c>,
    /// <c>-WarningAction Inquire</c> without a console) can never swallow an accepted result: once any write fails, the run
    /// stops sending and every result Graph already accepted is written before the failure goes on. When the pipeline is
    /// stopped, nothing can be written any more: accepted results go to the console host (and a reset's are in the journal).
    /// </summary>
    internal sealed class RunPump
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
        // How long a stop waits for batches already on the wire: long enough for a normal answer, short enough for Ctrl+C.
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

        private readonly AadCmdlet _cmdlet;
        private readonly UserRun _run;
        private readonly RunReport _report;
        private readonly ResetJournal? _journal;
        private readonly List<object> _unwritten = new List<object>();
        private long _written;
        private const int ActivityId = 7100; // Get-AadUser's listing uses 7101, so both bars show in one pipeline
        private readonly int _activityId;
        private DateTime _nextProgress = DateTime.UtcNow + ProgressInterval;
        private bool _messagesFailed;
        private bool _stopped;
        private bool _salvaged;
        private bool _progressShown;
        private bool _finished;

        public RunPump(AadCmdlet cmdlet, UserRun run, RunReport report, ResetJournal? journal)
        {
            _cmdlet = cmdlet;
            _run = run;
            _report = report;
            _journal = journal;
            _activityId = ActivityId;
        }

        /// <summary>The pipeline is being stopped (called on the stopping thread): nothing new is sent.</summary>
        public void OnStopping() => _run.Stop();

        /// <summary>Hands an input to the run, writing what is ready meanwhile; waits while the run is full.</summary>
        public void Submit(UserInput input)
        {
            Say(RunMessageLevel.Verbose, _report.Submitting(input));
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
                Say(RunMessageLevel.Debug, $"Sent {stats.BatchesSent} batches with {stats.CallsSent} requests: {stats.Retries} retried, {stats.Throttled} throttled (429), {stats.BatchFailures} batches failed whole; {_run.TokenRefreshes} token refreshes after a 401; {_report.Count(_run.Counters.Succeeded)} in {_run.Counters.Elapsed.TotalSeconds:F1} s.");
            }
            if (_report.ForbiddenWarning(_run) is string forbidden) Say(RunMessageLevel.Warning, forbidden);

            _finished = true;
            if (_run.Ended is RunEndedException ended)
            {
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.RunEnded(ended, _run.Counters.NotAttempted, _report.Command));
            }
        }

        /// <summary>
        /// When the run did not finish normally — stopped (Ctrl+C, Stop(), Stop-Job), or a command before or after this one
        /// failed — nothing can be written as output any more: waits briefly for the batches in flight, then hands every
        /// accepted result that was not written (also one that waits for a later step), and every write still waiting for
        /// Graph's answer, to the host (a reset's journal already has them). Safe to call more than once.
        /// </summary>
        public void SalvageIfUnfinished()
        {
            if (_salvaged || _finished) return;
            _salvaged = true;
            _run.Stop();
            _run.Complete(); // no input comes after this
            // Dispose and catch blocks are synchronous; waiting on the pipeline thread is what PowerShell expects here.
            _run.WaitForCompletionAsync(StopGrace).GetAwaiter().GetResult();
            // Pending first, then the events: a user's entry is dropped only after its outcome is queued, so none is missed.
            IReadOnlyCollection<PendingResult> pending = _run.Pending();
            var decided = new HashSet<long>();
            while (_run.TryTake(out RunEvent? runEvent))
            {
                if (runEvent is UserSucceeded success)
                {
                    decided.Add(success.Input.Index);
                    if (!success.FromJournal) _unwritten.Add(success.Result);
                }
                else if (runEvent is UserFailed failure)
                {
                    decided.Add(failure.Input.Index);
                }
            }

            var unanswered = new List<object>();
            foreach (PendingResult entry in pending)
            {
                if (decided.Contains(entry.Input.Index)) continue;
                if (entry.Accepted) _unwritten.Add(entry.Result);
                else unanswered.Add(entry.Result);
            }

            long notAttempted = _run.Counters.NotAttempted;
            _journal?.RecordStopped(notAttempted);
            PSHostUserInterface? ui = _cmdlet.Host?.UI;
            if (ui is null || (_unwritten.Count == 0 && unanswered.Count == 0 && notAttempted == 0)) return;
            foreach (object result in _unwritten) ui.WriteLine(_report.Accepted(result));
            foreach (object result in unanswered) ui.WriteLine(_report.Unanswered(result));

            // A summary an admin can act on: what reached the output, what only the lines above hold, what never started.
            string secrets = _report.Secret is string secret ? $", listed above with {(_unwritten.Count == 1 ? "its " + secret : "their " + secret + "s")}" : ", listed above";
            ui.WriteLine($"Stopped: {_report.Count(_written)} written as output" +
                (_unwritten.Count > 0 ? $"; {_report.Count(_unwritten.Count)} Graph accepted could not be written{secrets}" : string.Empty) +
                (unanswered.Count > 0 ? $"; {_report.Count(unanswered.Count)} still waiting for Graph's answer, listed above" : string.Empty) +
                $". Not attempted: {ErrorRecordFactory.Inputs(notAttempted)} that had reached {_report.Command} (inputs still upstream in the pipeline were not read)." +
                _report.AfterStop(_journal));
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
                case UserSucceeded success:
                    WriteResult(success.Result);
                    Say(RunMessageLevel.Verbose, _report.Succeeded(success));
                    foreach (string warning in success.Warnings) Say(RunMessageLevel.Warning, warning);
                    // Partial success: the result is out; the later step's failure is its own non-terminating error.
                    if (success.LaterFailure is StepFailure later) WriteError(ErrorRecordFactory.LaterStepFailed(success, later));
                    break;
                case UserFailed failure:
                    WriteError(ErrorRecordFactory.FromRun(failure));
                    break;
                case RunMessage message:
                    Say(message.Level, message.Text);
                    break;
            }
        }

        private void WriteError(ErrorRecord record)
        {
            // Under -ErrorAction Stop the error ends the pipeline, and nothing can be written after it: stop sending and write
            // every result Graph accepts for what is in flight first.
            if (Preference("ErrorAction", "ErrorActionPreference") == ActionPreference.Stop) WriteResultsFirst();
            Guard(() => _cmdlet.WriteError(record));
        }

        private void WriteResult(object result)
        {
            if (_stopped)
            {
                _unwritten.Add(result);
                return;
            }

            try
            {
                _cmdlet.WriteObject(_report.Shaped(result));
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
                    if (runEvent is UserSucceeded success) WriteResult(success.Result);
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
            string later = counters.LaterStepsFailed > 0 ? $" ({counters.LaterStepsFailed} with a later step failed)" : string.Empty;
            var record = new ProgressRecord(_activityId, _report.Activity,
                $"{counters.Succeeded} {_report.Done}{later}, {counters.Failed} failed, {counters.Submitted - counters.Completed} in flight; {counters.SucceededPerSecond:F1} {_report.Nouns}/s")
            {
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _progressShown = true;
            Guard(() => _cmdlet.WriteProgress(record));
        }
    }
}
