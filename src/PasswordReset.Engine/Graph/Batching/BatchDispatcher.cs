using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Groups concurrent <see cref="SendAsync"/> calls into <c>POST {serviceRoot}/$batch</c> requests (graph-facts.md §5),
    /// paces them by what Graph says (<see cref="AdaptivePacer"/>, §6) and retries transient failures with the same call.
    /// Create one per run over the run's <see cref="GraphConnection"/>, keep many calls in flight, and dispose it once
    /// every call has completed (it does not own the connection).
    /// </summary>
    /// <remarks>
    /// A batch leaves when it holds <see cref="BatchDispatcherOptions.BatchSize"/> calls, or after
    /// <see cref="BatchDispatcherOptions.Linger"/> when fewer are waiting, whenever fewer than the pacer's window of
    /// batches are in flight, no 429 hold is running, and the rate of its writes and reads allows. Retried calls go
    /// to the front of the queue.
    /// </remarks>
    public sealed partial class BatchDispatcher : IGraphCaller, IDisposable
    {
        private readonly object _gate = new object();
        private readonly LinkedList<PendingCall> _writes = new LinkedList<PendingCall>();
        private readonly LinkedList<PendingCall> _reads = new LinkedList<PendingCall>();
        private readonly HashSet<PendingCall> _waiting = new HashSet<PendingCall>();
        private readonly BatchDispatcherOptions _options;
        private readonly IBatchTransport _transport;
        private readonly IBatchTime _time;
        private readonly Action<BatchEvent>? _onEvent;
        private readonly AdaptivePacer _pacer;
        private readonly Backoff _backoff;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private TaskCompletionSource<bool> _wake = NewWake();
        private int _inFlight;
        private bool _disposed;

        private long _batchesSent;
        private long _callsSent;
        private long _callsAnswered;
        private long _callsFailed;
        private long _retries;
        private long _throttled;
        private long _batchFailures;

        /// <summary>Creates a dispatcher over <paramref name="connection"/> and starts its sending loop.</summary>
        /// <param name="connection">The signed-in connection; its authentication, 401 handling and HTTP client are used.</param>
        /// <param name="options">Grouping, pacing and retry settings; null for the defaults.</param>
        /// <param name="onEvent">Receives diagnostic lines (retries, holds, rate changes) on the dispatcher's threads; it
        /// must be quick and thread-safe (e.g. add to a queue the pipeline thread drains). Exceptions it throws are ignored.</param>
        /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
        public BatchDispatcher(GraphConnection connection, BatchDispatcherOptions? options = null, Action<BatchEvent>? onEvent = null)
            : this(new GraphBatchTransport(connection), options ?? new BatchDispatcherOptions(), new SystemBatchTime(), onEvent, backoffSeed: null)
        {
        }

        internal BatchDispatcher(IBatchTransport transport, BatchDispatcherOptions options, IBatchTime time, Action<BatchEvent>? onEvent, int? backoffSeed)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            _time = time ?? throw new ArgumentNullException(nameof(time));
            _onEvent = onEvent is null ? null : new Action<BatchEvent>(e => SafeInvoke(onEvent, e));
            _pacer = new AdaptivePacer(options.Pacing, options.ThrottleLimit, options.BatchSize, _time.Now, _onEvent);
            _backoff = new Backoff(options.BaseBackoff, options.MaxBackoff, backoffSeed);
            _loop = Task.Run(RunAsync);
        }

        /// <summary>A snapshot of the counters and the pacer's current state.</summary>
        public BatchStatistics Statistics => new BatchStatistics
        {
            BatchesSent = Interlocked.Read(ref _batchesSent),
            CallsSent = Interlocked.Read(ref _callsSent),
            CallsAnswered = Interlocked.Read(ref _callsAnswered),
            CallsFailed = Interlocked.Read(ref _callsFailed),
            Retries = Interlocked.Read(ref _retries),
            Throttled = Interlocked.Read(ref _throttled),
            BatchFailures = Interlocked.Read(ref _batchFailures),
            Holds = _pacer.Holds,
            WriteRate = _pacer.WriteRate,
            ReadRate = _pacer.ReadRate,
            WriteLimitPercentage = _pacer.WriteLimitPercentage,
            Window = _pacer.Window,
        };

        /// <inheritdoc />
        /// <exception cref="ArgumentException">The call's body is not valid JSON.</exception>
        /// <exception cref="ObjectDisposedException">The dispatcher was disposed.</exception>
        public Task<GraphAnswer> SendAsync(GraphCall graphCall, CancellationToken cancellationToken)
        {
            if (graphCall is null) throw new ArgumentNullException(nameof(graphCall));
            if (graphCall.BodyJson != null) EnsureJson(graphCall.BodyJson, nameof(graphCall));
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<GraphAnswer>(cancellationToken);

            var pending = new PendingCall(graphCall, _time.Now, cancellationToken);
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(BatchDispatcher));
                pending.Node = (graphCall.IsWrite ? _writes : _reads).AddLast(pending);
            }

            if (cancellationToken.CanBeCanceled) pending.Registration = cancellationToken.Register(() => Cancel(pending));
            Wake();
            return pending.Completion.Task;
        }

        /// <summary>
        /// Stops sending. Calls never sent fail with <see cref="OperationCanceledException"/>; calls waiting for a retry
        /// fail with <see cref="GraphRequestException"/> (with <see cref="GraphRequestException.MayHaveBeenApplied"/> as
        /// it stands). Batches on the wire still complete their calls. Dispose after every call has completed.
        /// </summary>
        public void Dispose()
        {
            var abandoned = new List<PendingCall>();
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                abandoned.AddRange(_writes);
                abandoned.AddRange(_reads);
                abandoned.AddRange(_waiting);
                _writes.Clear();
                _reads.Clear();
                _waiting.Clear();
                foreach (PendingCall pending in abandoned)
                {
                    pending.Node = null;
                    pending.State = CallState.Done;
                }
            }

            _stop.Cancel();
            Wake();
            foreach (PendingCall pending in abandoned)
            {
                if (pending.Attempts == 0) Finish(pending, () => pending.Completion.TrySetCanceled());
                else Finish(pending, () => pending.Completion.TrySetException(GiveUpException(pending, "The dispatcher was closed before the call could be sent again.")));
            }
        }

        private void Cancel(PendingCall pending)
        {
            lock (_gate)
            {
                if (!pending.Cancellable || (pending.State != CallState.Queued && pending.State != CallState.Waiting)) return;
                if (pending.Node != null)
                {
                    pending.Node.List?.Remove(pending.Node);
                    pending.Node = null;
                }

                _waiting.Remove(pending);
                pending.State = CallState.Done;
            }

            // Not Finish: disposing the registration from inside its own callback would wait for itself.
            pending.Completion.TrySetCanceled(pending.CancellationToken);
        }

        private async Task RunAsync()
        {
            while (true)
            {
                Task wake = Volatile.Read(ref _wake).Task;
                List<BatchItem>? batch;
                List<PendingCall>? calls;
                TimeSpan wait;
                lock (_gate)
                {
                    if (_disposed) return;
                    batch = TryAssemble(_time.Now, out calls, out wait);
                }

                if (batch != null)
                {
                    List<BatchItem> items = batch;
                    List<PendingCall> members = calls!;
                    _ = Task.Run(() => SendBatchAsync(items, members));
                    continue;
                }

                await WaitAsync(wake, wait).ConfigureAwait(false);
            }
        }

        // Under _gate. Returns the next batch to send now, or null and how long to wait (Infinite = until woken).
        private List<BatchItem>? TryAssemble(TimeSpan now, out List<PendingCall>? calls, out TimeSpan wait)
        {
            calls = null;
            wait = Timeout.InfiniteTimeSpan;
            int size = _options.BatchSize;
            if (_writes.Count + _reads.Count == 0 || _inFlight >= _pacer.Window) return null;

            TimeSpan hold = _pacer.HoldRemaining(now);
            if (hold > TimeSpan.Zero)
            {
                wait = hold;
                return null;
            }

            // A kind of call is ready when the pacer lets its next chunk (up to a batch) go; waiting for the whole chunk
            // keeps a paced lane sending full batches instead of one call per token.
            int w = Math.Min(_writes.Count, size);
            int r = Math.Min(_reads.Count, size);
            TimeSpan writeWait = w > 0 ? _pacer.TimeUntil(w, 0, now) : Timeout.InfiniteTimeSpan;
            TimeSpan readWait = r > 0 ? _pacer.TimeUntil(0, r, now) : Timeout.InfiniteTimeSpan;
            int readyWrites = w > 0 && writeWait == TimeSpan.Zero ? w : 0;
            int readyReads = r > 0 && readWait == TimeSpan.Zero ? r : 0;
            if (readyWrites + readyReads == 0)
            {
                wait = Min(writeWait, readWait);
                return null;
            }

            if (readyWrites + readyReads < size)
            {
                TimeSpan oldest = TimeSpan.MaxValue;
                if (readyWrites > 0) oldest = _writes.First!.Value.QueuedAt;
                if (readyReads > 0 && _reads.First!.Value.QueuedAt < oldest) oldest = _reads.First.Value.QueuedAt;
                TimeSpan age = now - oldest;
                if (age < _options.Linger)
                {
                    wait = _options.Linger - age;
                    return null;
                }
            }

            calls = new List<PendingCall>(Math.Min(size, readyWrites + readyReads));
            Take(_writes, readyWrites, calls, size);
            int writes = calls.Count;
            Take(_reads, readyReads, calls, size);
            _pacer.Sent(writes, calls.Count - writes, now);

            var batch = new List<BatchItem>(calls.Count);
            for (int i = 0; i < calls.Count; i++)
            {
                PendingCall pending = calls[i];
                pending.State = CallState.Sending;
                if (pending.Attempts == 0) pending.FirstSentAt = now;
                pending.Attempts++;
                batch.Add(new BatchItem((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), pending.Call));
            }

            _inFlight++;
            return batch;
        }

        private static void Take(LinkedList<PendingCall> queue, int count, List<PendingCall> into, int size)
        {
            for (int i = 0; i < count && into.Count < size && queue.First != null; i++)
            {
                PendingCall pending = queue.First.Value;
                queue.RemoveFirst();
                pending.Node = null;
                into.Add(pending);
            }
        }

        private async Task WaitAsync(Task wake, TimeSpan wait)
        {
            if (wait == Timeout.InfiniteTimeSpan)
            {
                await wake.ConfigureAwait(false);
                return;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            Task delay = _time.Delay(wait, cancel.Token);
            await Task.WhenAny(wake, delay).ConfigureAwait(false);
            cancel.Cancel(); // ends the timer that lost the race
            try
            {
                await delay.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: woken before the delay ended.
            }
        }

        private void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult(true);

        private static TaskCompletionSource<bool> NewWake() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static TimeSpan Min(TimeSpan a, TimeSpan b) =>
            a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : (a < b ? a : b);

        private static void EnsureJson(string json, string paramName)
        {
            try
            {
                using (JsonDocument.Parse(json)) { }
            }
            catch (JsonException ex)
            {
                // The message names the position only, never the text (it may hold a password).
                throw new ArgumentException("The call's body is not valid JSON (" + ex.LineNumber + ":" + ex.BytePositionInLine + ").", paramName);
            }
        }

        private static void SafeInvoke(Action<BatchEvent> onEvent, BatchEvent e)
        {
            try
            {
                onEvent(e);
            }
#pragma warning disable CA1031 // A diagnostics sink must never break the delivery of an answer.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
