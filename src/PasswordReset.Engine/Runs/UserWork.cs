using System;
using PasswordReset.Graph.Batching;

namespace PasswordReset.Runs
{
    /// <summary>
    /// One user's work inside a <see cref="UserRun"/>, handed to the <see cref="UserOperation"/>: the input, the resolved
    /// user, the caller every request goes through, the step in progress, and what a stop must hand over meanwhile.
    /// </summary>
    internal sealed class UserWork
    {
        private readonly Action<UserWork, PendingResult?> _setPending;

        public UserWork(UserInput input, AadUser user, IGraphCaller caller, Action<UserWork, PendingResult?> setPending)
        {
            Input = input;
            User = user;
            Caller = caller;
            _setPending = setPending;
        }

        public UserInput Input { get; }

        public AadUser User { get; }

        /// <summary>Batches, paces and retries every request (the operation never sees a batch or a retry).</summary>
        public IGraphCaller Caller { get; }

        /// <summary>The step in progress: a <see cref="Errors.GraphRequestException"/> thrown by the operation is its failure.</summary>
        public RunStep Step { get; set; } = RunStep.Validation;

        /// <summary>
        /// What a stop must hand over for this user until its outcome is published: a write sent and not yet answered
        /// (<paramref name="accepted"/> false: it may have been applied), or a result Graph accepted that waits for a later
        /// step (true). The run drops it once the user's outcome is queued, never before.
        /// </summary>
        public void Pending(object result, bool accepted) => _setPending(this, new PendingResult(Input, result, accepted));

        /// <summary>Nothing to hand over any more (e.g. a write Graph refused, about to be sent again).</summary>
        public void NothingPending() => _setPending(this, null);
    }

    /// <summary>What a stop hands over for a user whose outcome was not queued yet.</summary>
    public sealed class PendingResult
    {
        internal PendingResult(UserInput input, object result, bool accepted)
        {
            Input = input;
            Result = result;
            Accepted = accepted;
        }

        /// <summary>The input.</summary>
        public UserInput Input { get; }

        /// <summary>
        /// The result as far as it is known: the user and the password sent for a reset; for a pass, the user only (the code
        /// comes with the answer).
        /// </summary>
        public object Result { get; }

        /// <summary>
        /// True when Graph accepted the main step and the result only waits for a later step (the revocation after a reset);
        /// false when the write was sent and no answer came yet: it may or may not have been applied.
        /// </summary>
        public bool Accepted { get; }
    }
}
