using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows this session's Microsoft Graph connection.</para>
    /// <para type="description">Emits a PasswordReset.AadGraphContext: tenant id, client id, signed-in account, sign-in type,
    /// delegated scopes (scp) or application roles (roles) and directory role ids (wids) from the token seen at connect,
    /// national cloud, Graph endpoint and authority. Never a token or a secret. Emits nothing when not connected.</para>
    /// </summary>
    /// <remarks>
    /// <para>Needs no permission: it reads what the token showed at connect and sends nothing. Before a bulk reset, check
    /// that Scopes (delegated) or Roles (app-only) hold User-PasswordProfile.ReadWrite.All, and that DirectoryRoleIds
    /// hold a role that may reset the users concerned.</para>
    /// </remarks>
    /// <output type="PasswordReset.AadGraphContext">The connection: TenantId, ClientId, Account, AuthType, TokenType
    /// (Delegated or AppOnly), Scopes, Roles, DirectoryRoleIds, Audience, CertificateThumbprint, Environment, GraphEndpoint,
    /// AuthorityHost and TokenExpiresOn.</output>
    /// <example>
    /// <code>Get-AadGraphContext</code>
    /// <para>Shows who is connected, to which tenant and cloud, with which permissions.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "AadGraphContext")]
    [OutputType(typeof(AadGraphContext))]
    public sealed class GetAadGraphContextCommand : AadCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Current;
            if (connection != null) WriteObject(connection.Context);
        }
    }
}
