using System;
using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// On every parameter of Connect-AadGraph: binding one of its arguments is where a new connect begins, so the runspace's
    /// connection is forgotten here (<see cref="ConnectionStore.BeginConnect"/>), before PowerShell converts and validates
    /// the argument. A connect that PowerShell refuses at binding (-TenantId $null, a plain-text -AccessToken, an unknown
    /// -Environment, a URL with a password) then leaves no connection either, like one that fails later: a script that goes
    /// on after the error cannot run in the previous tenant. The value is passed on unchanged; declare this attribute before
    /// any other transformation of the same parameter, which may refuse the value. Tab completion binds no argument, so it
    /// never disconnects.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ConnectArgumentAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            ConnectionStore.BeginConnect();
            return inputData;
        }
    }
}
