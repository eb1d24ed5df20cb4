using System;

namespace PasswordReset.Resets
{
    /// <summary>
    /// What a <see cref="ResetRun"/> hands to the pipeline thread, in the order it happened. Only the pipeline thread
    /// turns these into PowerShell output, errors and messages.
    /// </summary>
    public abstract class RunEvent
    {
    }

    /// <summary>Graph accepted a reset (or the journal recorded that it did): write the result first, then the notes.</summary>
    public sealed class ResetSucceeded : RunEvent
    {
        internal ResetSucceeded(ResetInput input, PasswordResetResult result, string[] warnings, bool fromJournal)
        {
            Input = input;
            Result = result;
            Warnings = warnings;
            FromJournal = fromJournal;
        }

        /// <summary>The input this result answers.</summary>
        public ResetInput Input { get; }

        /// <summary>The result object, carrying the temporary password.</summary>
        public PasswordResetResult Result { get; }

        /// <summary>Warnings about this user (synced user, UPN/id mismatch): written only after the result.</summary>
        public string[] Warnings { get; }

        /// <summary>True when the result was re-emitted from the journal of an earlier run (no request was sent).</summary>
        public bool FromJournal { get; }
    }

    /// <summary>One input failed at one step; <see cref="Error"/> says why.</summary>
    public sealed class ResetFailed : RunEvent
    {
        internal ResetFailed(ResetInput input, ResetStep step, Exception error)
        {
            Input = input;
            Step = step;
            Error = error;
        }

        /// <summary>The input that failed.</summary>
        public ResetInput Input { get; }

        /// <summary>The step that failed.</summary>
        public ResetStep Step { get; }

        /// <summary>
        /// A <see cref="Errors.GraphRequestException"/> (Graph refused, or retries ran out — see its
        /// <c>MayHaveBeenApplied</c>), a <see cref="Users.PasswordResetRefusedException"/> (refused before sending),
        /// or a <see cref="DuplicateInputException"/>.
        /// </summary>
        public Exception Error { get; }
    }

    /// <summary>A diagnostic line (never a password, token or body).</summary>
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
