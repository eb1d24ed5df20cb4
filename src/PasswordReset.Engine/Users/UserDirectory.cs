using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PasswordReset.Auth;
using PasswordReset.Completion;
using PasswordReset.Errors;
using PasswordReset.Graph;

namespace PasswordReset.Users
{
    /// <summary>
    /// Reads users: <c>GET /v1.0/users/{key}</c> and <c>GET /v1.0/users</c> with <c>$select</c>, <c>$filter</c>,
    /// <c>$top</c> and <c>@odata.nextLink</c> paging (graph-facts.md §3–4).
    /// </summary>
    /// <remarks>Every method throws <see cref="GraphRequestException"/> for a failed request.</remarks>
    public sealed class UserDirectory
    {
        /// <summary>Largest page Graph serves for users.</summary>
        public const int MaxPageSize = 999;

        private readonly GraphServiceClient _client;

        /// <summary>Creates the directory over a connection.</summary>
        public UserDirectory(GraphConnection connection)
        {
            _client = (connection ?? throw new ArgumentNullException(nameof(connection))).Client;
        }

        /// <summary>
        /// Gets one user by object id or userPrincipalName. A key that begins with <c>$</c> is sent in the
        /// documented alternate-key form <c>/users(userPrincipalName='…')</c>, since <c>/users/$x</c> is a 400.
        /// </summary>
        /// <param name="key">Object id or userPrincipalName, as the admin wrote it (the SDK percent-encodes it once).</param>
        /// <param name="extraProperties">Properties to <c>$select</c> beyond <see cref="UserMapper.StandardProperties"/>.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public Task<AadUser> GetUserAsync(string key, IReadOnlyCollection<string>? extraProperties, CancellationToken cancellationToken)
        {
            string[] select = UserMapper.SelectFor(extraProperties);
            return GraphErrorTranslator.RunAsync(async () =>
            {
                User? user = UserKey.NeedsAlternateKey(key)
                    ? await _client.UsersWithUserPrincipalName(UserKey.ODataLiteral(key))
                        .GetAsync(c => c.QueryParameters.Select = select, cancellationToken).ConfigureAwait(false)
                    : await _client.Users[key]
                        .GetAsync(c => c.QueryParameters.Select = select, cancellationToken).ConfigureAwait(false);
                if (user is null)
                {
                    throw new GraphRequestException(null, null, "Graph returned no body for a user lookup.", null, null, null);
                }

                return UserMapper.ToAadUser(user, extraProperties);
            }, cancellationToken);
        }

        /// <summary>
        /// Gets the first page of <c>GET /v1.0/users</c>. A <paramref name="search"/> or an advanced <paramref name="filter"/>
        /// (see <see cref="AdvancedQuery"/>) is sent with <c>ConsistencyLevel: eventual</c> and <c>$count=true</c>.
        /// </summary>
        /// <param name="filter">An OData <c>$filter</c>, passed through as written; null for all users.</param>
        /// <param name="search">A <c>$search</c> value already built by <see cref="SearchExpression.Build"/>; null for none.</param>
        /// <param name="pageSize">The <c>$top</c> value, 1–999.</param>
        /// <param name="extraProperties">Properties to <c>$select</c> beyond the standard set.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public Task<UserPage> GetFirstPageAsync(string? filter, string? search, int pageSize, IReadOnlyCollection<string>? extraProperties, CancellationToken cancellationToken)
        {
            if (pageSize < 1 || pageSize > MaxPageSize)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The page size must be 1 to {MaxPageSize}.");
            }

            string[] select = UserMapper.SelectFor(extraProperties);
            return GraphErrorTranslator.RunAsync(async () =>
            {
                var response = await _client.Users.GetAsync(c =>
                {
                    c.QueryParameters.Select = select;
                    c.QueryParameters.Top = pageSize;
                    if (!string.IsNullOrEmpty(filter)) c.QueryParameters.Filter = filter;
                    if (!string.IsNullOrEmpty(search)) c.QueryParameters.Search = search;
                    if (!string.IsNullOrEmpty(search) || AdvancedQuery.FilterNeedsIt(filter))
                    {
                        c.Headers.Add("ConsistencyLevel", "eventual");
                        c.QueryParameters.Count = true;
                    }
                }, cancellationToken).ConfigureAwait(false);
                return ToPage(response, extraProperties);
            }, cancellationToken);
        }

        /// <summary>
        /// Finds users whose userPrincipalName or displayName starts with <paramref name="prefix"/> (one <c>$filter</c>, see
        /// <see cref="UserPrefixQuery"/>), <c>$select</c>ing id, userPrincipalName and displayName, in <b>one attempt</b>: no
        /// retry by Kiota (429/503/504) nor after a 401, since a completion must never send more than one request.
        /// </summary>
        /// <param name="prefix">The text typed, unescaped; not empty.</param>
        /// <param name="top">The <c>$top</c> value, 1–999.</param>
        /// <param name="cancellationToken">Cancels the request (and a token fetch).</param>
        /// <returns>The users in Graph's order, and whether that is all of them (no <c>@odata.nextLink</c>).</returns>
        internal Task<(IReadOnlyList<UserSuggestion> Users, bool Complete)> FindByPrefixAsync(string prefix, int top, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(prefix)) throw new ArgumentException("The prefix is empty.", nameof(prefix));
            if (top < 1 || top > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(top), top, $"The page size must be 1 to {MaxPageSize}.");

            string filter = UserPrefixQuery.Filter(prefix);
            return GraphErrorTranslator.RunAsync(async () =>
            {
                var response = await _client.Users.GetAsync(c =>
                {
                    c.QueryParameters.Select = UserPrefixQuery.Select;
                    c.QueryParameters.Filter = filter;
                    c.QueryParameters.Top = top;
                    c.Options.Add(new RetryHandlerOption { MaxRetry = 0, ShouldRetry = (_, _, _) => false });
                    c.Options.Add(new NoTokenRefreshOption());
                }, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<UserSuggestion> users = (response?.Value ?? new List<User>())
                    .Where(u => !string.IsNullOrEmpty(u.Id))
                    .Select(u => new UserSuggestion(u.Id!, u.UserPrincipalName, u.DisplayName))
                    .ToList();
                return (users, response?.OdataNextLink is null);
            }, cancellationToken);
        }

        /// <summary>Follows an <c>@odata.nextLink</c> as-is (it already carries the query options and the skip token).</summary>
        public Task<UserPage> GetNextPageAsync(string nextLink, IReadOnlyCollection<string>? extraProperties, CancellationToken cancellationToken)
        {
            return GraphErrorTranslator.RunAsync(async () =>
            {
                // The next link keeps $count; the header must be sent again on every page of an advanced query.
                var response = await _client.Users.WithUrl(nextLink).GetAsync(
                    c => { if (NextLinkIsAdvanced(nextLink)) c.Headers.Add("ConsistencyLevel", "eventual"); }, cancellationToken).ConfigureAwait(false);
                return ToPage(response, extraProperties);
            }, cancellationToken);
        }

        private static bool NextLinkIsAdvanced(string nextLink)
        {
            string decoded = Uri.UnescapeDataString(nextLink);
            return decoded.IndexOf("$count=true", StringComparison.OrdinalIgnoreCase) >= 0 || decoded.IndexOf("$search=", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static UserPage ToPage(UserCollectionResponse? response, IReadOnlyCollection<string>? extraProperties)
        {
            var users = (response?.Value ?? new List<User>()).Select(u => UserMapper.ToAadUser(u, extraProperties)).ToList();
            return new UserPage(users, response?.OdataNextLink);
        }
    }
}
