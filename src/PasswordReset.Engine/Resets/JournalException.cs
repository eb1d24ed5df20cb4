using System;

namespace PasswordReset.Resets
{
    /// <summary>The journal cannot be used as asked (exists without <c>-Resume</c>, another tenant's, unreadable, not writable).</summary>
    public sealed class JournalException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public JournalException(string message, Exception? inner = null) : base(message, inner)
        {
        }
    }
}
