using System;
using System.Management.Automation;
using System.Security;
using PasswordReset.Graph;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects this PowerShell session (runspace) to Microsoft Graph.</para>
    /// <para type="description">Stores a connection that Get-AadUser and Reset-AadUserPassword use until
    /// Disconnect-AadGraph or the end of the session. Nothing is written to disk. -Environment picks the national
    /// cloud (Graph root and token audience, per learn.microsoft.com/graph/deployments); -GraphEndpoint only changes
    /// where requests go, e.g. a local emulator at http://127.0.0.1:5080 (the module appends /v1.0; plain http only
    /// for localhost, 127.0.0.1 and [::1]). Errors: InvalidConnectionSettings (terminating) for an unusable endpoint.</para>
    /// </summary>
    /// <example>
    /// <code>$token = az account get-access-token --resource-type ms-graph --query accessToken -o tsv | ConvertTo-SecureString -AsPlainText -Force
    /// Connect-AadGraph -AccessToken $token</code>
    /// <para>Connects with a token for the global Microsoft Graph service obtained from the Azure CLI.</para>
    /// </example>
    /// <example>
    /// <code>Connect-AadGraph -AccessToken $token -Environment USGov</code>
    /// <para>Connects to Microsoft Graph for US Government L4 (graph.microsoft.us).</para>
    /// </example>
    /// <example>
    /// <code>Connect-AadGraph -AccessToken $token -GraphEndpoint http://127.0.0.1:5080</code>
    /// <para>Sends requests to a local Graph emulator; the module appends /v1.0.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "AadGraph", DefaultParameterSetName = AccessTokenSet)]
    [OutputType(typeof(void))]
    public sealed class ConnectAadGraphCommand : AadCmdlet
    {
        private const string AccessTokenSet = "AccessToken";

        /// <summary>An access token for Microsoft Graph (audience of the chosen -Environment), as a SecureString.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        /// <summary>The national cloud: Global (default), USGov, USGovDoD or China.</summary>
        [Parameter]
        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>A Graph root to send requests to instead of the cloud's own, e.g. http://127.0.0.1:5080.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? GraphEndpoint { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            GraphConnection connection;
            try
            {
                if (SecureText.Reveal(AccessToken).Trim().Length == 0)
                {
                    throw new ArgumentException("The -AccessToken is empty.");
                }

                var credential = AccessTokenCredential.Create(AccessToken, out DateTimeOffset expiresOn);
                connection = GraphConnectionFactory.Create(credential, Environment, GraphEndpoint, "AccessToken",
                    expiresOn == DateTimeOffset.MaxValue ? (DateTimeOffset?)null : expiresOn);
                if (expiresOn <= DateTimeOffset.UtcNow)
                {
                    WriteWarning($"The access token expired at {expiresOn:u}; Graph will refuse it. Get a new token and connect again.");
                }
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, ErrorIds.InvalidConnectionSettings, ErrorCategory.InvalidArgument, GraphEndpoint,
                    "Give an access token for Microsoft Graph, and -GraphEndpoint (if any) as an https root such as https://graph.microsoft.com, or http://127.0.0.1:<port> for a local emulator."));
                return;
            }

            ConnectionStore.Set(connection);
            WriteVerbose($"Connected to {connection.ServiceRoot} ({connection.Environment} cloud) with an access token" +
                (connection.TokenExpiresOn.HasValue ? $" that expires at {connection.TokenExpiresOn.Value:u}." : "."));
        }
    }
}
