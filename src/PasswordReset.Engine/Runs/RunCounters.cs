using System;
using System.Diagnostics;
using System.Threading;

namespace PasswordReset.Runs
{
    /// <summary>Counts of a run, read by the pipeline thread for progress. Thread-safe.</summary>
    public sealed class RunCounters
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _submitted, _succeeded, _failed, _notAttempted, _laterStepsFailed;

        /// <summary>Inputs handed to the run.</summary>
        public long Submitted => Interlocked.Read(ref _submitted);

        /// <summary>Users whose main step Graph accepted (including results re-emitted from a journal).</summary>
        public long Succeeded => Interlocked.Read(ref _succeeded);

        /// <summary>Inputs that ended with an error.</summary>
        public long Failed => Interlocked.Read(ref _failed);

        /// <summary>Inputs never sent because the run was stopped or ended.</summary>
        public long NotAttempted => Interlocked.Read(ref _notAttempted);

        /// <summary>Inputs with an outcome.</summary>
        public long Completed => Succeeded + Failed + NotAttempted;

        /// <summary>Time since the run started.</summary>
        public TimeSpan Elapsed => _clock.Elapsed;

        /// <summary>Succeeded users whose later step failed (e.g. the revocation after a reset): counted in <see cref="Succeeded"/> too.</summary>
        public long LaterStepsFailed => Interlocked.Read(ref _laterStepsFailed);

        /// <summary>Succeeded users per second so far.</summary>
        public double SucceededPerSecond => Elapsed.TotalSeconds > 0 ? Succeeded / Elapsed.TotalSeconds : 0;

        internal void AddSubmitted() => Interlocked.Increment(ref _submitted);

        internal void AddSucceeded() => Interlocked.Increment(ref _succeeded);

        internal void AddFailed() => Interlocked.Increment(ref _failed);

        internal void AddNotAttempted() => Interlocked.Increment(ref _notAttempted);

        internal void AddLaterStepFailed() => Interlocked.Increment(ref _laterStepsFailed);
    }
}
