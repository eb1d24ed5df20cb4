using System;

namespace PasswordReset.Runs
{
    /// <summary>
    /// An input that names a user already handled in this run. Nothing is sent for it, so the run's results
    /// hold one outcome per user (one valid password, one pass).
    /// </summary>
    public sealed class DuplicateInputException : Exception
    {
        /// <summary>Creates the exception; <paramref name="earlier"/> is the input that was kept.</summary>
        public DuplicateInputException(UserInput input, UserInput earlier, string userId)
            : base($"Input {input.Describe()} names the same user ({userId}) as input {earlier.Describe()}; that user is handled once in this run, so nothing was sent for this input.")
        {
            EarlierInput = earlier;
            UserId = userId;
        }

        /// <summary>The input that was kept.</summary>
        public UserInput EarlierInput { get; }

        /// <summary>The object id both inputs resolve to.</summary>
        public string UserId { get; }
    }
}
