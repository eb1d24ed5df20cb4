using System;
using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Binds an endpoint parameter (-GraphEndpoint, -AuthorityHost) from a string or a Uri without ever repeating what was
    /// typed: PowerShell's own binding error for a malformed URL quotes the raw text, which may carry a password
    /// (<c>https://admin:S3cret@host</c>). Refuses, before any call, a value that is not an absolute URL and a URL with
    /// user info; the message names neither.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EndpointUriAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            Uri? uri = value switch
            {
                null => null,
                Uri given => given,
                string text when Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? parsed) => parsed,
                _ => throw new ArgumentTransformationMetadataException("The value is not an absolute URL such as https://graph.microsoft.com."),
            };

            if (uri != null && uri.IsAbsoluteUri && uri.UserInfo.Length > 0)
            {
                throw new ArgumentTransformationMetadataException(
                    "The URL has a user name or password in it (user:password@host). Give the host only; credentials belong in the sign-in parameters.");
            }

            return uri;
        }
    }
}
