using System;
using System.Collections.Generic;

namespace PasswordReset.Runs
{
    /// <summary>How one user's operation ended: a result (maybe with a later step that failed), or a failed step.</summary>
    internal sealed class UserOutcome
    {
        private UserOutcome(object? result, IReadOnlyList<string> warnings, bool fromJournal, StepFailure? laterFailure, StepFailure? failure)
        {
            Result = result;
            Warnings = warnings;
            FromJournal = fromJournal;
            LaterFailure = laterFailure;
            Failure = failure;
        }

        public object? Result { get; }

        public IReadOnlyList<string> Warnings { get; }

        public bool FromJournal { get; }

        public StepFailure? LaterFailure { get; }

        public StepFailure? Failure { get; }

        /// <summary>Graph accepted the main step; <paramref name="laterFailure"/> is a later step that failed (partial success).</summary>
        public static UserOutcome Success(object result, IReadOnlyList<string>? warnings = null, bool fromJournal = false, StepFailure? laterFailure = null) =>
            new UserOutcome(result ?? throw new ArgumentNullException(nameof(result)), warnings ?? Array.Empty<string>(), fromJournal, laterFailure, null);

        /// <summary>The user's outcome is this failure.</summary>
        public static UserOutcome Failed(RunStep step, Exception error) =>
            new UserOutcome(null, Array.Empty<string>(), false, null, new StepFailure(step, error));
    }
}
