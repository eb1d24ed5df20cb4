using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PasswordReset.Graph.Batching
{
    /// <summary>The dispatcher's notion of time: a monotonic clock and a delay. Tests pass a fake that moves on demand.</summary>
    internal interface IBatchTime
    {
        /// <summary>Monotonic time since an arbitrary origin.</summary>
        TimeSpan Now { get; }

        /// <summary>Waits <paramref name="delay"/>.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    /// <summary>Real time: a <see cref="Stopwatch"/> and <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
    internal sealed class SystemBatchTime : IBatchTime
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public TimeSpan Now => _watch.Elapsed;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
