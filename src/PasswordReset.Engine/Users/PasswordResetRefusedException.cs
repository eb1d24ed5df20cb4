using System;

namespace PasswordReset.Users
{
    /// <summary>Why the module refused a reset without sending it.</summary>
    public enum PasswordResetRefusal
    {
        /// <summary>The user's password lives in another tenant (B2B guest); it is reset in the home tenant.</summary>
        ExternalUser,
    }

    /// <summary>A reset the module refused before any PATCH (see <see cref="Reason"/>); nothing was changed.</summary>
    public sealed class PasswordResetRefusedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public PasswordResetRefusedException(PasswordResetRefusal reason, string message) : base(message)
        {
            Reason = reason;
        }

        /// <summary>Why.</summary>
        public PasswordResetRefusal Reason { get; }
    }
}
