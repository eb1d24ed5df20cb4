using System;
using System.Collections;
using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Keeps whole objects out of the -UserPrincipalName and -Id lists. PowerShell would otherwise turn any object into
    /// text for a string parameter (a row becomes "@{Foo=1}" and would be sent to Graph as a user name). Strings and
    /// nulls pass (nulls and empty strings are reported per user by the cmdlet); a GUID becomes its text; any other
    /// object is refused at binding, before anything is sent, with advice to pipe it instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IdentityValueAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = Unwrap(inputData);
            if (value is string || value is null) return value;
            if (value is DBNull) return null;
            if (value is IEnumerable items && !(value is IDictionary))
            {
                var texts = new System.Collections.Generic.List<string?>();
                foreach (object? item in items) texts.Add(One(item));
                return texts.ToArray();
            }

            return One(value);
        }

        private static string? One(object? item)
        {
            object? value = Unwrap(item);
            switch (value)
            {
                case null:
                case DBNull _: // a database row's empty cell (-Id $row.Id): no value, reported per user like $null
                    return null;
                case string text:
                    return text;
                case Guid guid:
                    return guid.ToString("D");
                default:
                    // The object's text is never repeated: it may be anything, including a secret.
                    throw new ArgumentTransformationMetadataException(
                        $"A user identity must be a userPrincipalName or an object id as text, not an object of type {value.GetType().Name}. " +
                        "Pipe objects to the cmdlet instead (… | Reset-AadUserPassword), or give them to -InputObject.");
            }
        }

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
