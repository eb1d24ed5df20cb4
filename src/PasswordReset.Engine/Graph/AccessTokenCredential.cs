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
