using System;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Runs;

namespace PasswordReset.Sessions
{
    /// <summary>
    /// The revocation of a user's sign-in sessions (graph-facts.md §9): <c>POST /users/{id}/revokeSignInSessions</c> with an
    /// empty JSON object (inside <c>$batch</c> a POST needs a body). Graph documents 200 <c>{"value": true}</c>, and its known
    /// issue says to treat any 2xx as success, so the status alone decides. Shared by the reset's <c>-RevokeSessions</c> step
    /// and <see cref="RevokeSessionsOperation"/>.
    /// </summary>
    internal static class SessionRevocation
    {
        public static GraphCall Request(AadUser user) =>
            new GraphCall("POST", UserRequests.UserPath(user) + "/revokeSignInSessions", "{}", label: UserRequests.Label(user));

        /// <summary>Sends the revocation; returns when Graph accepted it (UTC) and the answer's request-id.</summary>
        /// <exception cref="GraphRequestException">Graph refused it, or the retries ran out.</exception>
        public static async Task<(DateTimeOffset At, string? RequestId)> RevokeAsync(IGraphCaller caller, AadUser user, CancellationToken stop)
        {
            GraphAnswer answer = await caller.SendAsync(Request(user), stop).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                GraphRequestException refused = answer.ToException();
                refused.MayHaveBeenApplied = answer.EarlierAttemptMayHaveApplied;
                throw refused;
            }

            return (DateTimeOffset.UtcNow, answer.RequestId);
        }
    }
}
