using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Sends single Graph calls that are transparently grouped into <c>$batch</c> requests, paced and retried.
    /// </summary>
    public interface IGraphCaller
    {
        /// <summary>
        /// Sends <paramref name="graphCall"/> and returns its final answer (2xx or a status that is not retried).
        /// </summary>
        /// <param name="graphCall">The request.</param>
        /// <param name="cancellationToken">Cancels the call only while it has not been sent yet; a call inside a
        /// batch already on the wire is never abandoned (its answer is awaited, bounded by the request timeout).</param>
        /// <exception cref="GraphRequestException">Retries ran out (throttling, 5xx, timeouts, dropped connections,
        /// malformed batch answers); <see cref="GraphRequestException.MayHaveBeenApplied"/> is true when the call is a
        /// write and any attempt may have reached Graph.</exception>
        /// <exception cref="System.OperationCanceledException">Cancelled before it was sent.</exception>
        Task<GraphAnswer> SendAsync(GraphCall graphCall, CancellationToken cancellationToken);
    }
}
