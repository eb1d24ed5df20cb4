using System;

namespace PasswordReset.Runs
{
    /// <summary>
    /// A user the module refused to act on before any request of <see cref="RefusedStep"/> (an external B2B account, whose
    /// password and sessions live in its home tenant and who cannot be given a Temporary Access Pass); nothing was changed.
    /// </summary>
    public sealed class UserRefusedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public UserRefusedException(RunStep refusedStep, string message) : base(message)
        {
            RefusedStep = refusedStep;
        }

        /// <summary>The step that was not sent for this user.</summary>
        public RunStep RefusedStep { get; }
    }
}
