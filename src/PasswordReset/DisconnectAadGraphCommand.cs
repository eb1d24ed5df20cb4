using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets this session's Microsoft Graph connection.</para>
    /// <para type="description">After it, the module's cmdlets fail with NotConnected until Connect-AadGraph runs again.
    /// Does nothing when not connected.</para>
    /// </summary>
    /// <remarks>
    /// <para>Needs no permission and sends nothing: the tokens of this session are forgotten, not revoked (they expire by
    /// themselves).</para>
    /// </remarks>
    /// <example>
    /// <code>Disconnect-AadGraph</code>
    /// <para>Forgets the connection of this session.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Disconnect, "AadGraph")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAadGraphCommand : AadCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            bool wasConnected = ConnectionStore.Current != null;
            ConnectionStore.Set(null);
            WriteVerbose(wasConnected ? "Disconnected from Microsoft Graph." : "Not connected to Microsoft Graph; nothing to do.");
        }
    }
}
