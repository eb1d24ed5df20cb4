using System;
using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Keeps whole objects out of identity parameters. PowerShell would otherwise turn any piped object into text for
    /// a string parameter bound by value (a row without UserPrincipalName/Id becomes "@{Foo=1}" and is sent to Graph
    /// as a user name). Strings pass; a GUID becomes its text; arrays are refused; any other object binds as null,
    /// so the record is reported as naming no user and nothing is sent.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdentityValueAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case null:
                case string _:
                    return value;
                case Guid guid:
                    return guid.ToString();
                case Array _:
                    throw new ArgumentTransformationMetadataException("A user identity must be one value, not a list; pipe the values one by one.");
                default:
                    return null;
            }
        }
    }
}
