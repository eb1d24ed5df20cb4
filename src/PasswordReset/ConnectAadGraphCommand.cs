using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PasswordReset.Auth;
using PasswordReset.Graph;
using PasswordReset.Resets;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects this PowerShell session (runspace) to Microsoft Graph.</para>
    /// <para type="description">Signs in with the Azure.Identity credential that fits the parameter set: interactive browser
    /// (default; delegated, client id of "Microsoft Graph Command Line Tools" unless -ClientId, scopes User.Read.All and
    /// User-PasswordProfile.ReadWrite.All unless -Scopes), device code (-UseDeviceCode; the code is shown as a warning),
    /// client secret (-ClientSecretCredential, user name = client id), certificate (-CertificateThumbprint or
    /// -CertificateSubjectName from CurrentUser\My, and LocalMachine\My on Windows; -Certificate; -CertificatePath to a PFX
    /// or PEM file), managed identity (-Identity, -ClientId for a user-assigned one), the AZURE_* environment variables
    /// (-EnvironmentVariable), or an access token you already have (-AccessToken).</para>
    /// <para type="description">A token is fetched at once, so sign-in problems show here. The connection lives in this
    /// runspace, in memory only (nothing is written to disk); tokens are renewed through the credential, and a request
    /// refused with 401 is retried once with a fresh token.</para>
    /// <para type="description">-Environment picks the national cloud (Graph root, token audience and authority, per
    /// learn.microsoft.com/graph/deployments); -GraphEndpoint and -AuthorityHost override them for private or emulated
    /// clouds (instance discovery is then off).</para>
    /// <para type="description">Errors (terminating): InvalidConnectionSettings (unusable parameters, before any network
    /// call), SignInFailed (quoting Entra ID's AADSTS code). A failed connect also closes the previous connection, so
    /// nothing runs on in another tenant.</para>
    /// </summary>
    /// <remarks>
    /// <para>Connecting needs no permission by itself; what the token grants decides what works. Get-AadUser needs
    /// User.Read.All; Reset-AadUserPassword needs User-PasswordProfile.ReadWrite.All and, for the caller, a directory role
    /// that may reset the target (see the notes of Get-Help Reset-AadUserPassword -Full). A warning at connect says when
    /// the token grants no reset permission.</para>
    /// <para>Delegated sign-in (browser, device code): an admin consents to the scopes for the client app ("Microsoft
    /// Graph Command Line Tools" unless -ClientId), and the signed-in account holds the role. App-only sign-in (secret,
    /// certificate, managed identity, environment variables): grant the app the application permissions
    /// User.Read.All and User-PasswordProfile.ReadWrite.All, with admin consent, and assign at least the User
    /// Administrator role to its service principal.</para>
    /// <para>Get-AadGraphContext shows what the token grants, never the token itself.</para>
    /// </remarks>
    /// <example needs="a browser">
    /// <code>Connect-AadGraph -TenantId contoso.onmicrosoft.com</code>
    /// <para>Signs in interactively in a browser with the default scopes.</para>
    /// </example>
    /// <example needs="a device code">
    /// <code>Connect-AadGraph -TenantId contoso.onmicrosoft.com -UseDeviceCode</code>
    /// <para>Signs in from a terminal without a browser (e.g. over SSH): open the address shown and enter the code.</para>
    /// </example>
    /// <example>
    /// <code>Connect-AadGraph -TenantId $tenantId -ClientSecretCredential (Get-Credential -UserName $appId)</code>
    /// <para>Signs in as an app with a client secret, typed at the prompt; the user name is the application (client)
    /// id.</para>
    /// </example>
    /// <example>
    /// <code>Connect-AadGraph -TenantId $tenantId -ClientId $appId -CertificatePath ./app.pfx -CertificatePassword (Read-Host -AsSecureString)</code>
    /// <para>Signs in as an app with a certificate and its private key from a PFX file, whose password is typed at the
    /// prompt (automation on Linux and macOS). A PEM file holding the certificate and an unencrypted key needs no
    /// password.</para>
    /// </example>
    /// <example needs="a Windows certificate store">
    /// <code>Connect-AadGraph -TenantId $tenantId -ClientId $appId -CertificateThumbprint 1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B</code>
    /// <para>Signs in as an app with a certificate from the CurrentUser\My store (and LocalMachine\My on Windows).</para>
    /// </example>
    /// <example needs="a managed identity">
    /// <code>Connect-AadGraph -Identity</code>
    /// <para>Signs in with the system-assigned managed identity of the Azure resource the script runs on; add -ClientId for a
    /// user-assigned one.</para>
    /// </example>
    /// <example needs="a national cloud">
    /// <code>Connect-AadGraph -EnvironmentVariable -Environment USGov</code>
    /// <para>Signs in with AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) in
    /// the US Government L4 cloud.</para>
    /// </example>
    /// <example>
    /// <code>Connect-AadGraph -AccessToken $token -GraphEndpoint $url</code>
    /// <para>Uses an access token you already have (a SecureString; it cannot be renewed) with a private or emulated
    /// Graph at $url, such as the local Graph emulator at the address it prints (http://127.0.0.1:port); the module
    /// appends /v1.0. Without -GraphEndpoint the token goes to the Graph of -Environment.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "AadGraph", DefaultParameterSetName = InteractiveSet)]
    [OutputType(typeof(void))]
    public sealed class ConnectAadGraphCommand : AadCmdlet
    {
        private const string InteractiveSet = "Interactive";
        private const string DeviceCodeSet = "DeviceCode";
        private const string ClientSecretSet = "ClientSecret";
        private const string ThumbprintSet = "CertificateThumbprint";
        private const string SubjectNameSet = "CertificateSubjectName";
        private const string CertificateSet = "Certificate";
        private const string CertificatePathSet = "CertificatePath";
        private const string IdentitySet = "ManagedIdentity";
        private const string EnvironmentVariableSet = "EnvironmentVariable";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>The tenant: its id (GUID) or a verified domain such as contoso.onmicrosoft.com. Required for apps.</summary>
        [ConnectArgument]
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubjectNameSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Tenant")]
        public string? TenantId { get; set; }

        /// <summary>The application (client) id: your app registration; for interactive and device-code sign-in the default is "Microsoft Graph Command Line Tools"; with -Identity, a user-assigned managed identity's client id.</summary>
        /// <value>Interactive and device code: <see cref="SignInRequest.GraphCommandLineToolsClientId"/></value>
        [ConnectArgument]
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubjectNameSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        [Alias("AppId", "ApplicationId")]
        public string? ClientId { get; set; }

        /// <summary>Delegated permissions to ask for (interactive and device-code sign-in): lookups need User.Read.All, resets User-PasswordProfile.ReadWrite.All.</summary>
        /// <value><see cref="SignInRequest.DefaultScopes"/></value>
        [ConnectArgument]
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Scopes { get; set; }

        /// <summary>Sign in with a device code shown on this host, for terminals without a browser.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Alias("DeviceCode")]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary>The app's client secret as a PSCredential: user name = client id, password = secret.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNull]
        public PSCredential ClientSecretCredential { get; set; } = null!;

        /// <summary>Thumbprint of a certificate with private key in CurrentUser\My (and LocalMachine\My on Windows).</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        /// <summary>Subject of a certificate with private key in CurrentUser\My (and LocalMachine\My on Windows), e.g. CN=PasswordResetApp; the newest valid match is used.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = SubjectNameSet)]
        [ValidateNotNullOrEmpty]
        [Alias("CertificateSubject", "CertificateName")]
        public string? CertificateSubjectName { get; set; }

        /// <summary>A certificate object with its private key.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Path to a PFX (PKCS#12) file, or a PEM file holding the certificate and its unencrypted private key.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>The password of a PFX file given with -CertificatePath.</summary>
        [ConnectArgument]
        [Parameter(ParameterSetName = CertificatePathSet)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Sign in with the Azure managed identity of the machine the script runs on.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        [Alias("ManagedIdentity")]
        public SwitchParameter Identity { get; set; }

        /// <summary>Sign in with the AZURE_* environment variables that Azure.Identity's EnvironmentCredential reads (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH).</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentVariableSet)]
        [Alias("EnvironmentVariables")]
        public SwitchParameter EnvironmentVariable { get; set; }

        /// <summary>An access token for Microsoft Graph (audience of the chosen -Environment), as a SecureString. It cannot be renewed.</summary>
        [ConnectArgument]
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        /// <summary>The national cloud: Global, USGov, USGovDoD or China.</summary>
        [ConnectArgument]
        [Parameter]
        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>A Graph root to send requests to instead of the cloud's own, e.g. http://127.0.0.1:5080 (https, or http for loopback only).</summary>
        [ConnectArgument]
        [Parameter]
        [ValidateNotNull]
        [EndpointUri]
        public Uri? GraphEndpoint { get; set; }

        /// <summary>An Entra ID authority to sign in at instead of the cloud's own (private or emulated clouds); turns instance discovery off.</summary>
        [ConnectArgument]
        [Parameter]
        [ValidateNotNull]
        [EndpointUri]
        public Uri? AuthorityHost { get; set; }

        /// <summary>
        /// A new connect begins: the runspace's connection is forgotten at once — already while PowerShell binds the
        /// arguments (<see cref="ConnectArgumentAttribute"/> on every parameter), and here for a call without any. So a
        /// Connect-AadGraph that fails anywhere — a parameter PowerShell refuses (-TenantId $null, a plain-text
        /// -AccessToken, a malformed -GraphEndpoint), settings or sign-in refused, a warning or Verbose line made an error or
        /// a prompt that fails (-WarningAction Stop, -Debug without a console), Ctrl+C during sign-in — leaves no
        /// connection, old or new, and a script that goes on after the error cannot run in the previous tenant. The new
        /// connection is installed only once fully established, as the last step of <see cref="EndProcessing"/>.
        /// </summary>
        protected override void BeginProcessing() => ConnectionStore.BeginConnect();

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            ConnectionStore.BeginConnect(); // also one made since BeginProcessing (by another command of this pipeline)
            CredentialPlan? plan = null;
            GraphConnection? connection = null;
            try
            {
                plan = BuildPlan();
                WriteVerbose($"Signing in ({plan.Mode}, {Environment} cloud).");
                connection = Await(GraphConnectionFactory.ConnectAsync(plan, Environment, GraphEndpoint, AuthorityHost, CancellationToken));
                CancellationToken.ThrowIfCancellationRequested(); // stopped as the token arrived: not established
                // A warning that becomes an error or a failing prompt throws here, and the new connection is dropped.
                WarnAboutToken(connection.Context);
                if (plan.Mode == SignInMode.AccessToken && connection.Context.TokenExpiresOn <= DateTimeOffset.UtcNow)
                {
                    WriteWarning($"The access token expired at {connection.Context.TokenExpiresOn:u}; Graph refuses expired tokens (beyond a few minutes of clock skew). Get a new token and connect again.");
                }

                // The last line that can fail (-Debug makes Verbose a prompt) comes before the connection is installed.
                var context = connection.Context;
                WriteVerbose($"Connected to {context.GraphEndpoint} ({context.Environment} cloud) as {context.Account ?? context.ClientId ?? "unknown"} " +
                    $"in tenant {context.TenantId ?? "unknown"} ({context.AuthType}, {context.TokenType})" +
                    (context.CertificateThumbprint is null ? "." : $" with certificate {context.CertificateThumbprint}."));
                ConnectionStore.Set(connection);
                connection = null; // installed: no longer ours to dispose
            }
            catch (ArgumentException ex)
            {
                SayPreviousClosed();
                ThrowInvalidSettings(ex);
                return;
            }
            catch (SignInFailedException ex)
            {
                SayPreviousClosed();
                ThrowTerminatingError(ErrorRecordFactory.SignInFailed(ex, TenantId, plan?.Mode == SignInMode.Interactive));
                return;
            }
            finally
            {
                connection?.Dispose();
            }
        }

        private void WarnAboutToken(AadGraphContext context)
        {
            WarnAboutClaims(context);
            if (context.AuthType == nameof(SignInMode.AccessToken) && context.TokenExpiresOn <= DateTimeOffset.UtcNow)
            {
                WriteWarning($"The access token expired at {context.TokenExpiresOn:u}; Graph refuses expired tokens (beyond a few minutes of clock skew). Get a new token and connect again.");
            }
        }

        private void WarnAboutClaims(AadGraphContext context)
        {
            if (context.TokenType.Length == 0)
            {
                WriteWarning("The token is not a JWT, so its scopes, tenant and expiry cannot be inspected; only Graph's answers will tell whether it works.");
                return;
            }
            string[] granted = context.TokenType == "Delegated" ? context.Scopes : context.Roles;
            // Permissions that allow PATCH passwordProfile (graph-facts.md §1): say so at connect, not at the first reset.
            if (!granted.Any(p => ResetPermissionCheck.ResetPermissions.Contains(p, StringComparer.OrdinalIgnoreCase)))
            {
                WriteWarning("The token grants no permission that allows a password reset (User-PasswordProfile.ReadWrite.All); Get-AadUser works, Reset-AadUserPassword will be refused.");
            }

            // With -GraphEndpoint the cloud's own Graph root is not where requests go, so its audience proves nothing.
            string expected = GraphEnvironments.GraphRoot(Environment).GetLeftPart(UriPartial.Authority);
            if (GraphEndpoint is null && context.Audience != null && !context.Audience.TrimEnd('/').Equals(expected, StringComparison.OrdinalIgnoreCase) &&
                !context.Audience.Equals("00000003-0000-0000-c000-000000000000", StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning($"The token is for '{context.Audience}', not for {expected} ({Environment} cloud); Graph will refuse it.");
            }
        }

        private void SayPreviousClosed()
        {
            // Said where a failure can still be written (not after a stop, nor when a warning itself failed).
            if (!ConnectionStore.ClosedByConnect) return;
            ConnectionStore.Set(null); // said once
            WriteWarning("The previous Microsoft Graph connection was closed because Connect-AadGraph failed.");
        }

        private CredentialPlan BuildPlan()
        {
            if (ParameterSetName == AccessTokenSet)
            {
                // The engine builds the credential: no Azure.Core type may appear in this assembly.
                return CredentialFactory.ForAccessToken(AccessToken, Environment);
            }

            var request = new SignInRequest
            {
                TenantId = TenantId,
                ClientId = ClientId,
                Scopes = Scopes,
                Environment = Environment,
                AuthorityHost = AuthorityHost,
                DeviceCodeMessage = PostHostMessage,
            };

            switch (ParameterSetName)
            {
                case DeviceCodeSet:
                    request.Mode = SignInMode.DeviceCode;
                    break;
                case ClientSecretSet:
                    request.Mode = SignInMode.ClientSecret;
                    if (string.IsNullOrWhiteSpace(ClientSecretCredential.UserName))
                    {
                        throw new ArgumentException("The user name of -ClientSecretCredential must be the application (client) id.");
                    }

                    request.ClientId = ClientSecretCredential.UserName.Trim();
                    request.ClientSecret = ClientSecretCredential.Password;
                    break;
                case ThumbprintSet:
                    request.Mode = SignInMode.Certificate;
                    request.Certificate = CertificateStore.FindByThumbprint(CertificateThumbprint!);
                    break;
                case SubjectNameSet:
                    request.Mode = SignInMode.Certificate;
                    request.Certificate = CertificateStore.FindBySubjectName(CertificateSubjectName!);
                    break;
                case CertificateSet:
                    request.Mode = SignInMode.Certificate;
                    request.Certificate = Certificate;
                    break;
                case CertificatePathSet:
                    request.Mode = SignInMode.Certificate;
                    string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath);
                    if (CertificateStore.IsPem(path))
                    {
                        // Azure.Identity reads PEM files itself and only with an unencrypted key.
                        if (CertificatePassword != null) throw new ArgumentException("-CertificatePassword applies to PFX files; a PEM file must hold an unencrypted private key.");
                        request.CertificatePath = path;
                    }
                    else request.Certificate = CertificateStore.LoadPfx(path, CertificatePassword);
                    break;
                case IdentitySet:
                    request.Mode = SignInMode.ManagedIdentity;
                    break;
                case EnvironmentVariableSet:
                    request.Mode = SignInMode.EnvironmentVariables;
                    break;
                default:
                    request.Mode = SignInMode.Interactive;
                    break;
            }

            return CredentialFactory.Create(request);
        }

        private void ThrowInvalidSettings(Exception ex) =>
            ThrowTerminatingError(ErrorRecordFactory.InvalidConnectionSettings(ex,
                GraphEndpoint is null ? null : PasswordReset.Graph.GraphEndpoint.Shown(GraphEndpoint)));
    }
}
