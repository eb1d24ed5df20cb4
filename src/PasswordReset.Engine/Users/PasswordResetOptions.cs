namespace PasswordReset.Users
{
    /// <summary>What <see cref="Resets.ResetOperation"/> sends in <c>passwordProfile</c>.</summary>
    public sealed class PasswordResetOptions
    {
        /// <summary>
        /// The admin's own password, already checked against the Entra policy; null to generate one
        /// of <see cref="PasswordLength"/> characters.
        /// </summary>
        public string? NewPassword { get; set; }

        /// <summary>Length of a generated password, 8–256; default 16.</summary>
        public int PasswordLength { get; set; } = Passwords.TemporaryPasswordGenerator.DefaultLength;

        /// <summary><c>forceChangePasswordNextSignIn</c>; default true, and false is sent explicitly.</summary>
        public bool ForceChangePasswordNextSignIn { get; set; } = true;

        /// <summary><c>forceChangePasswordNextSignInWithMfa</c>; default false, sent explicitly.</summary>
        public bool ForceChangePasswordNextSignInWithMfa { get; set; }
    }
}
