using System;

namespace PasswordReset.Runs
{
    /// <summary>
    /// What a <see cref="UserRun"/> hands to the pipeline thread, in the order it happened. Only the pipeline thread
    /// turns these into PowerShell output, errors and messages.
    /// </summary>
    public abstract class RunEvent
    {
    }

    /// <summary>
    /// Graph accepted the user's main step (or the journal recorded that it did): write the result first, then the notes,
    /// then the error of a later step that failed (<see cref="LaterFailure"/>) — the result is never lost because of it.
    /// </summary>
    public sealed class UserSucceeded : RunEvent
    {
        internal UserSucceeded(UserInput input, object result, string[] warnings, bool fromJournal, StepFailure? laterFailure)
        {
            Input = input;
            Result = result;
            Warnings = warnings;
            FromJournal = fromJournal;
            LaterFailure = laterFailure;
        }

        /// <summary>The input this result answers.</summary>
        public UserInput Input { get; }

        /// <summary>The result object (<see cref="PasswordResetResult"/>, <see cref="SessionRevocationResult"/>, <see cref="TemporaryAccessPassResult"/>).</summary>
        public object Result { get; }

        /// <summary>Warnings about this user (synced user, UPN/id mismatch): written only after the result.</summary>
        public string[] Warnings { get; }

        /// <summary>True when the result was re-emitted from the journal of an earlier run (no request was sent for it).</summary>
        public bool FromJournal { get; }

        /// <summary>
        /// A later step that failed after the main one succeeded (the revocation after a reset): its own non-terminating
        /// error, written after the result; null when every step succeeded. Not counted as a failure of the user.
        /// </summary>
        public StepFailure? LaterFailure { get; }
    }

    /// <summary>One input failed at one step; <see cref="Error"/> says why.</summary>
    public sealed class UserFailed : RunEvent
    {
        internal UserFailed(UserInput input, RunStep step, Exception error)
        {
            Input = input;
            Step = step;
            Error = error;
        }

        /// <summary>The input that failed.</summary>
        public UserInput Input { get; }

        /// <summary>The step that failed.</summary>
        public RunStep Step { get; }

        /// <summary>
        /// A <see cref="Errors.GraphRequestException"/> (Graph refused, or retries ran out — see its
        /// <c>MayHaveBeenApplied</c>), a <see cref="UserRefusedException"/> (refused before sending),
        /// or a <see cref="DuplicateInputException"/>.
        /// </summary>
        public Exception Error { get; }
    }

    /// <summary>A step that failed, and why.</summary>
    public sealed class StepFailure
    {
        /// <summary>Creates a step failure.</summary>
        public StepFailure(RunStep step, Exception error)
        {
            Step = step;
            Error = error ?? throw new ArgumentNullException(nameof(error));
        }

        /// <summary>The step that failed.</summary>
        public RunStep Step { get; }

        /// <summary>Why: usually a <see cref="Errors.GraphRequestException"/>.</summary>
        public Exception Error { get; }
    }

    /// <summary>A diagnostic line (never a password, pass code, token or body).</summary>
    public sealed class RunMessage : RunEvent
    {
        internal RunMessage(RunMessageLevel level, string text)
        {
            Level = level;
            Text = text;
        }

        /// <summary>The stream it belongs to.</summary>
        public RunMessageLevel Level { get; }

        /// <summary>The text.</summary>
        public string Text { get; }
    }

    /// <summary>Where a <see cref="RunMessage"/> goes.</summary>
    public enum RunMessageLevel
    {
        /// <summary>Verbose stream.</summary>
        Verbose,
        /// <summary>Debug stream.</summary>
        Debug,
        /// <summary>Warning stream.</summary>
        Warning,
    }
}
