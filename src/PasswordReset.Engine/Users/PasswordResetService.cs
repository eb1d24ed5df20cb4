using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Passwords;

namespace PasswordReset.Users
{
    /// <summary>
    /// Resets a password the way the Entra admin center does: <c>PATCH /v1.0/users/{id}</c> with a
    /// <c>passwordProfile</c> that always carries the password and both flags (graph-facts.md §1).
    /// Graph answers 204 No Content on success.
    /// </summary>
    public sealed class PasswordResetService
    {
        /// <summary>What the lookup before a reset selects.</summary>
        private static readonly string[] LookupProperties = Array.Empty<string>();

        private readonly GraphServiceClient _client;
        private readonly UserDirectory _directory;
        private readonly TemporaryPasswordGenerator _generator;

        /// <summary>Creates the service over a connection.</summary>
        public PasswordResetService(GraphConnection connection, TemporaryPasswordGenerator generator)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            _client = connection.Client;
            _directory = new UserDirectory(connection);
            _generator = generator ?? throw new ArgumentNullException(nameof(generator));
        }

        /// <summary>
        /// Resets one user's password. When <paramref name="knownUser"/> is null the user is looked up first
        /// (<c>GET /users/{key}</c>), so the PATCH always addresses the immutable object id and the result names the user.
        /// </summary>
        /// <returns>The result, with the generated password when none was supplied.</returns>
        /// <exception cref="GraphRequestException">Graph refused the lookup or the reset.</exception>
        public async Task<PasswordResetResult> ResetAsync(UserReference reference, AadUser? knownUser, PasswordResetOptions options, CancellationToken cancellationToken)
        {
            if (reference is null) throw new ArgumentNullException(nameof(reference));
            if (options is null) throw new ArgumentNullException(nameof(options));

            AadUser user = knownUser ?? await _directory.GetUserAsync(reference.Key, LookupProperties, cancellationToken).ConfigureAwait(false);
            if (user.IsExternal)
            {
                throw new PasswordResetRefusedException(PasswordResetRefusal.ExternalUser,
                    $"'{user.UserPrincipalName}' is an external (B2B guest) account: its password belongs to its home tenant or identity provider " +
                    "and can only be reset there. Nothing was sent.");
            }

            string password = options.NewPassword ?? _generator.Generate(options.PasswordLength);
            string? requestId;
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                requestId = await PatchAsync(user.Id, password, options).ConfigureAwait(false);
            }
            catch (GraphRequestException ex) when (ex.Kind == GraphFailureKind.PasswordRejected && options.NewPassword is null)
            {
                // A generated password can still hit the tenant's banned list: regenerate once, as the portal would.
                cancellationToken.ThrowIfCancellationRequested();
                password = _generator.Generate(options.PasswordLength);
                requestId = await PatchAsync(user.Id, password, options).ConfigureAwait(false);
            }

            // 204 No Content: the SDK returns null, and that is success.
            return new PasswordResetResult
            {
                Id = user.Id,
                UserPrincipalName = user.UserPrincipalName,
                DisplayName = user.DisplayName,
                TemporaryPassword = options.NewPassword is null ? password : null,
                ForceChangePasswordNextSignIn = options.ForceChangePasswordNextSignIn,
                ForceChangePasswordNextSignInWithMfa = options.ForceChangePasswordNextSignInWithMfa,
                ResetTime = DateTimeOffset.UtcNow,
                RequestId = requestId,
                OnPremisesSyncEnabled = user.OnPremisesSyncEnabled == true,
            };
        }

        private async Task<string?> PatchAsync(string id, string password, PasswordResetOptions options)
        {
            var body = new User
            {
                PasswordProfile = new PasswordProfile
                {
                    Password = password,
                    ForceChangePasswordNextSignIn = options.ForceChangePasswordNextSignIn,
                    ForceChangePasswordNextSignInWithMfa = options.ForceChangePasswordNextSignInWithMfa,
                },
            };

            // A PATCH already on its way is not cancelled: Graph may apply it anyway, and then the admin would never
            // learn the new password. Cancellation is checked before sending; HttpClient's timeout still bounds the wait.
            var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
            await GraphErrorTranslator.RunAsync(async () =>
            {
                await _client.Users[id].PatchAsync(body, c => c.Options.Add(headers), CancellationToken.None).ConfigureAwait(false);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
            return headers.ResponseHeaders.TryGetValue("request-id", out var values) ? values.FirstOrDefault() : null;
        }
    }
}
