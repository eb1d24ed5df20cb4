using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace PasswordReset.Graph.Batching
{
    /// <summary>Sends one <c>$batch</c> POST and reports how it ended; never throws for a failed request.</summary>
    internal interface IBatchTransport
    {
        /// <summary>Sends <paramref name="items"/> as one batch, bounded by <paramref name="timeout"/>.</summary>
        Task<BatchReply> SendAsync(IReadOnlyList<BatchItem> items, TimeSpan timeout);
    }
}
