using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Users;

namespace PasswordReset.Completion
{
    /// <summary>
    /// Tab completion of users from the connected tenant: <c>GET /v1.0/users?$filter=startswith(userPrincipalName,'p') or
    /// startswith(displayName,'p')&amp;$select=id,userPrincipalName,displayName&amp;$top=20</c> (graph-facts.md §4).
    /// </summary>
    /// <remarks>
    /// At most one request per call, in one attempt, bounded by <see cref="Timeout"/>; a narrower prefix that the last
    /// complete answer covers is answered from it (<see cref="CacheLifetime"/>). An empty prefix sends nothing: the first 20
    /// users of a tenant in Graph's order are 20 arbitrary people out of thousands, which nobody can pick from, and a
    /// reflex Tab should not list the directory. Failures (no permission, throttling, timeout, no network) complete
    /// nothing and never throw: a completion has no stream to report on.
    /// </remarks>
    public sealed class UserCompletion
    {
        /// <summary>The <c>$top</c> of each request, and the most users one completion lists.</summary>
        public const int MaxSuggestions = 20;

        /// <summary>
        /// How long a completion waits for Graph (token included) before it completes nothing: 3 seconds — about as long as
        /// anyone waits on a Tab, and room for a session's first request (a new TLS connection, the SDK loading).
        /// </summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        /// <summary>How long an answer is reused for the same or a narrower prefix: 30 seconds.</summary>
        public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

        private static readonly ConditionalWeakTable<GraphConnection, UserCompletion> PerConnection = new ConditionalWeakTable<GraphConnection, UserCompletion>();
        private static readonly IReadOnlyList<CompletionItem> Nothing = Array.Empty<CompletionItem>();

        private readonly UserDirectory _directory;
        private readonly TimeSpan _timeout;
        private readonly LastAnswerCache _cache;

        internal UserCompletion(UserDirectory directory, TimeSpan timeout, TimeSpan cacheLifetime, Func<TimeSpan> clock)
        {
            _directory = directory;
            _timeout = timeout;
            _cache = new LastAnswerCache(cacheLifetime, clock);
        }

        /// <summary>
        /// The completion of <paramref name="connection"/>: one per connection, so its cache never outlives a reconnect or
        /// serves another tenant's names.
        /// </summary>
        public static UserCompletion For(GraphConnection connection)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            return PerConnection.GetValue(connection, c =>
            {
                Stopwatch watch = Stopwatch.StartNew();
                return new UserCompletion(new UserDirectory(c), Timeout, CacheLifetime, () => watch.Elapsed);
            });
        }

        /// <summary>
        /// Completes a typed word (as PowerShell hands it to a completer, quotes included) with up to
        /// <see cref="MaxSuggestions"/> users, sorted by userPrincipalName.
        /// </summary>
        /// <param name="wordToComplete">The word typed so far; see <see cref="PowerShellLiteral.Unquote"/>.</param>
        /// <param name="value">Insert the userPrincipalName or the object id.</param>
        /// <param name="cancellationToken">Cancels the wait (the request too); <see cref="Timeout"/> applies either way.</param>
        /// <returns>
        /// The items; empty for an empty prefix or when Graph did not answer well in time. Completion text is the quoted
        /// userPrincipalName or the object id; list text the userPrincipalName; tool tip display name, userPrincipalName and id.
        /// </returns>
        public async Task<IReadOnlyList<CompletionItem>> CompleteAsync(string? wordToComplete, UserCompletionValue value, CancellationToken cancellationToken)
        {
            string prefix = PowerShellLiteral.Unquote(wordToComplete);
            if (prefix.Trim().Length == 0) return Nothing;

            IReadOnlyList<UserSuggestion>? users = _cache.TryAnswer(prefix);
            if (users is null)
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(_timeout);
                try
                {
                    var answer = await _directory.FindByPrefixAsync(prefix, MaxSuggestions, bounded.Token).ConfigureAwait(false);
                    _cache.Store(prefix, answer.Users, answer.Complete);
                    users = answer.Users;
                }
                catch (GraphRequestException)
                {
                    return Nothing;
                }
                catch (OperationCanceledException)
                {
                    return Nothing;
                }
            }

            return users
                .OrderBy(u => u.UserPrincipalName ?? u.Id, StringComparer.OrdinalIgnoreCase)
                .Take(MaxSuggestions)
                .Select(u => ToItem(u, value))
                .ToList();
        }

        private static CompletionItem ToItem(UserSuggestion user, UserCompletionValue value)
        {
            string name = string.IsNullOrEmpty(user.UserPrincipalName) ? user.Id : user.UserPrincipalName!;
            string inserted = value == UserCompletionValue.Id ? user.Id : name;
            string tip = string.IsNullOrEmpty(user.DisplayName) ? $"{name}, id {user.Id}" : $"{user.DisplayName}: {name}, id {user.Id}";
            return new CompletionItem(PowerShellLiteral.Quote(inserted), name, tip);
        }
    }
}
