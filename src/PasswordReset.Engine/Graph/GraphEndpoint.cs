using System;

namespace PasswordReset.Graph
{
    /// <summary>Validates and normalises a custom Graph endpoint (<c>Connect-AadGraph -GraphEndpoint</c>).</summary>
    public static class GraphEndpoint
    {
        /// <summary>The Graph version every request uses.</summary>
        public const string Version = "v1.0";

        /// <summary>
        /// Returns the service root with <c>/v1.0</c> appended, e.g. <c>http://127.0.0.1:5080/v1.0</c>.
        /// <c>https</c> is required except for a loopback host (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>),
        /// which may use plain <c>http</c> (a local emulator).
        /// </summary>
        /// <exception cref="ArgumentException">The URI is relative, has another scheme, plain http to a non-loopback host,
        /// a query, a fragment, user info, or a path other than <c>/</c> or <c>/v1.0</c>.</exception>
        public static Uri ToServiceRoot(Uri endpoint)
        {
            if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
            if (endpoint.IsAbsoluteUri && endpoint.UserInfo.Length > 0)
            {
                // Never repeated: user info may be a password.
                throw new ArgumentException("The Graph endpoint must not have a user name or password in it (user:password@host).", nameof(endpoint));
            }

            if (!endpoint.IsAbsoluteUri)
            {
                throw new ArgumentException("The Graph endpoint must be an absolute URI such as https://graph.microsoft.com.", nameof(endpoint));
            }

            bool https = endpoint.Scheme == Uri.UriSchemeHttps;
            bool http = endpoint.Scheme == Uri.UriSchemeHttp;
            if (!https && !(http && IsLoopback(endpoint)))
            {
                throw new ArgumentException(
                    $"The Graph endpoint '{Shown(endpoint)}' must use https. Plain http is accepted only for localhost, 127.0.0.1 and [::1].", nameof(endpoint));
            }

            if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
            {
                throw new ArgumentException($"The Graph endpoint '{Shown(endpoint)}' must not have a query or fragment (neither is repeated here: either may carry a secret).", nameof(endpoint));
            }

            string path = endpoint.AbsolutePath.TrimEnd('/');
            if (path.Length != 0 && !path.Equals("/" + Version, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The Graph endpoint '{Shown(endpoint)}' must be a root such as http://127.0.0.1:5080 (the module appends /{Version}).", nameof(endpoint));
            }

            return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/" + Version);
        }

        /// <summary>
        /// How messages show an absolute endpoint: scheme, host, port and path only. User info is refused before any message,
        /// and a query or fragment (a signature, a token) is never repeated either.
        /// </summary>
        public static string Shown(Uri endpoint) =>
            endpoint is null ? throw new ArgumentNullException(nameof(endpoint))
            : endpoint.IsAbsoluteUri && endpoint.UserInfo.Length == 0 ? endpoint.GetLeftPart(UriPartial.Path) : "(not shown)";

        /// <summary>True for <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>.</summary>
        public static bool IsLoopback(Uri uri) =>
            uri.IsLoopback && (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host == "127.0.0.1" || uri.Host == "[::1]");
    }
}
