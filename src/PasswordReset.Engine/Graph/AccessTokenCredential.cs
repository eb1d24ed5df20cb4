using System;
using System.Security;
using Azure.Core;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PasswordReset.Graph
{
    /// <summary>
    /// Wraps an access token the admin already has (<c>Connect-AadGraph -AccessToken</c>) as a
    /// <see cref="TokenCredential"/>, so it flows through the same client factory as every other sign-in.
    /// </summary>
    public static class AccessTokenCredential
    {
        /// <summary>
        /// Creates the credential. The token is kept as a read-only <see cref="SecureString"/> copy and turned
        /// into text only when a request is sent. Its expiry is read from the JWT <c>exp</c> claim when the token
        /// is a JWT (else treated as not expiring: Graph will answer 401 when it does).
        /// </summary>
        public static TokenCredential Create(SecureString token)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            var copy = token.Copy();
            copy.MakeReadOnly();
            DateTimeOffset expiry = ReadExpiry(SecureText.Reveal(copy));
            return DelegatedTokenCredential.Create((_, _) => new AccessToken(SecureText.Reveal(copy), expiry));
        }

        /// <summary>
        /// The token as the admin pasted it, made sendable: surrounding white space (a token read with
        /// <c>Get-Content -Raw</c> ends in a newline) and a copied <c>Bearer </c> prefix are not part of it; white space or a
        /// control character inside it never is (it would start a second header line).
        /// </summary>
        /// <exception cref="ArgumentException">Empty, or white space or a control character inside; the message never quotes the token.</exception>
        internal static SecureString Normalize(SecureString token)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            string text = SecureText.Reveal(token).Trim();
            if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) text = text.Substring(7).Trim();
            if (text.Length == 0) throw new ArgumentException("The -AccessToken is empty.");
            foreach (char c in text)
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    throw new ArgumentException("The -AccessToken has white space or a control character (such as a line break) inside it; a token is one line of text. Nothing was sent.");
                }
            }

            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        private static DateTimeOffset ReadExpiry(string token)
        {
            try
            {
                var jwt = new JsonWebToken(token);
                return jwt.ValidTo == DateTime.MinValue ? DateTimeOffset.MaxValue : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            }
            catch (ArgumentException)
            {
                return DateTimeOffset.MaxValue;
            }
        }
    }
}
