using System;

namespace PasswordReset.Resets
{
    /// <summary>
    /// An input that names a user already handled in this run. It is not reset again, so the run's results hold one
    /// valid password per user.
    /// </summary>
    public sealed class DuplicateInputException : Exception
    {
        /// <summary>Creates the exception; <paramref name="earlier"/> is the input that was kept.</summary>
        public DuplicateInputException(ResetInput input, ResetInput earlier, string userId)
            : base($"Input {input.Describe()} names the same user ({userId}) as input {earlier.Describe()}; that user is handled once in this run, so this input was not reset again. Nothing was sent for it.")
        {
            EarlierInput = earlier;
            UserId = userId;
        }

        /// <summary>The input that was kept.</summary>
        public ResetInput EarlierInput { get; }

        /// <summary>The object id both inputs resolve to.</summary>
        public string UserId { get; }
    }
}
