namespace PasswordReset.Auth
{
    /// <summary>How <c>Connect-AadGraph</c> signs in; each mode is backed by the Azure.Identity credential of the same purpose.</summary>
    public enum SignInMode
    {
        /// <summary>A browser window (delegated): <c>InteractiveBrowserCredential</c>.</summary>
        Interactive,
        /// <summary>A code entered on another device (delegated): <c>DeviceCodeCredential</c>.</summary>
        DeviceCode,
        /// <summary>An app with a client secret (app-only): <c>ClientSecretCredential</c>.</summary>
        ClientSecret,
        /// <summary>An app with a certificate (app-only): <c>ClientCertificateCredential</c>.</summary>
        Certificate,
        /// <summary>An Azure managed identity (app-only): <c>ManagedIdentityCredential</c>.</summary>
        ManagedIdentity,
        /// <summary>The AZURE_* environment variables (app-only): <c>EnvironmentCredential</c>.</summary>
        EnvironmentVariables,
        /// <summary>An access token the admin already has; cannot be refreshed.</summary>
        AccessToken,
    }
}
