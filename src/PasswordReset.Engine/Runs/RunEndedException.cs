using System;

namespace PasswordReset.Runs
{
    /// <summary>
    /// The run policy ended the run: nothing else can succeed (a 401: the token is gone or not valid for Graph).
    /// Inputs not yet sent are not attempted; results Graph already accepted are still handed over first.
    /// </summary>
    public sealed class RunEndedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RunEndedException(RunEndReason reason, string message, Exception? inner) : base(message, inner)
        {
            Reason = reason;
        }

        /// <summary>Why the run ended.</summary>
        public RunEndReason Reason { get; }
    }

    /// <summary>Why a run ended early.</summary>
    public enum RunEndReason
    {
        /// <summary>Graph answered 401: the token is gone or not valid for Graph.</summary>
        Authentication,
    }
}
