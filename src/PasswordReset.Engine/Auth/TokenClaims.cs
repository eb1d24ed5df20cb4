using System;
using System.Linq;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PasswordReset.Auth
{
    /// <summary>Reads the claims <see cref="AadGraphContext"/> shows from a JWT access token (no validation: Graph validates).</summary>
    internal static class TokenClaims
    {
        // The scp claim is one string of space-separated scopes.
        private static readonly char[] ScopeSeparator = { ' ' };

        public static void Fill(AadGraphContext context, string token)
        {
            JsonWebToken jwt;
            try
            {
                jwt = new JsonWebToken(token);
            }
            catch (ArgumentException)
            {
                return; // not a JWT (some clouds issue opaque tokens): nothing to show
            }

            context.TenantId = Claim(jwt, "tid");
            context.Audience = jwt.Audiences.FirstOrDefault();
            context.ClientId = Claim(jwt, "appid") ?? Claim(jwt, "azp");
            context.Account = Claim(jwt, "upn") ?? Claim(jwt, "preferred_username");
            string? scp = Claim(jwt, "scp");
            context.Scopes = scp is null ? Array.Empty<string>() : scp.Split(ScopeSeparator, StringSplitOptions.RemoveEmptyEntries);
            context.Roles = jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToArray();
            context.DirectoryRoleIds = jwt.Claims.Where(c => c.Type == "wids").Select(c => c.Value).ToArray();
            context.TokenType = scp is null ? "AppOnly" : "Delegated";
            if (jwt.ValidTo != DateTime.MinValue) context.TokenExpiresOn = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        }

        private static string? Claim(JsonWebToken jwt, string type) =>
            jwt.TryGetPayloadValue(type, out string value) && !string.IsNullOrEmpty(value) ? value : null;
    }
}
