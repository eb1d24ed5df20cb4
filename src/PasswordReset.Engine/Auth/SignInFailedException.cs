using System;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Entra ID refused the sign-in, or the credential cannot work here. Wraps Azure.Identity's exception (kept as the
    /// inner exception) so the cmdlets never reference Azure.Identity types. The message quotes Entra ID's AADSTS code
    /// and never a secret.
    /// </summary>
    public sealed class SignInFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SignInFailedException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
