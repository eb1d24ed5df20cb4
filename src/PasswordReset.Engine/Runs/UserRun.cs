using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Graph.Batching;

namespace PasswordReset.Runs
{
    /// <summary>
    /// One run of a cmdlet that acts on users in bulk: takes inputs as they arrive, resolves each to a user, hands it to
    /// the run's <see cref="UserOperation"/> (a reset — see <see cref="Resets.ResetOperation"/>, where a reset happens —,
    /// a revocation, a Temporary Access Pass), and reports one outcome per input (<see cref="UserSucceeded"/> or
    /// <see cref="UserFailed"/>) through <see cref="TryTake"/> as outcomes complete — not in input order. Requests go
    /// through an <see cref="IGraphCaller"/> that groups them into <c>$batch</c> requests, paces and retries them.
    /// </summary>
    /// <remarks>
    /// Threads: <see cref="TrySubmit"/>, <see cref="Complete"/> and <see cref="TryTake"/> are called by the pipeline
    /// thread, <see cref="Stop"/> from any thread; the work runs on the thread pool and only queues events.
    /// </remarks>
    public sealed class UserRun : IDisposable
    {
        // How long a user's first write waits for earlier inputs' lookups (so the earliest of two inputs naming one user is kept).
        private static readonly TimeSpan EarlierLookupsWait = TimeSpan.FromSeconds(10);

        private readonly IGraphCaller _caller;
        private readonly UserOperation _operation;
        private readonly UserRunOptions _options;
        private readonly RunPolicy _policy = new RunPolicy();
        private readonly DuplicateTracker _duplicates = new DuplicateTracker();
        private readonly LookupOrder _lookups = new LookupOrder();
        private readonly ConcurrentDictionary<long, PendingResult> _pending = new ConcurrentDictionary<long, PendingResult>();
        private readonly ConcurrentQueue<RunEvent> _events = new ConcurrentQueue<RunEvent>();
        // Auto-reset: the pipeline thread's wait consumes the signal and then drains every queued event.
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly TaskCompletionSource<bool> _completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _completed;
        private RunEndedException? _ended;
        private BatchDispatcher? _dispatcher;
        private Func<BatchStatistics>? _statistics;
        private Func<int>? _tokenRefreshes;

        /// <summary>Creates a run of <paramref name="operation"/> over <paramref name="caller"/>.</summary>
        public UserRun(IGraphCaller caller, UserOperation operation, UserRunOptions options)
        {
            _caller = caller ?? throw new ArgumentNullException(nameof(caller));
            _operation = operation ?? throw new ArgumentNullException(nameof(operation));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
        }

        /// <summary>
        /// Starts a run over <paramref name="connection"/>: its requests go through a batch dispatcher (JSON batching,
        /// pacing, retries) that the run owns and disposes.
        /// </summary>
        public static UserRun Start(GraphConnection connection, UserOperation operation, UserRunOptions options)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            if (options is null) throw new ArgumentNullException(nameof(options));
            var batching = new BatchDispatcherOptions { BatchSize = options.BatchSize };
            if (options.ThrottleLimit is int limit) batching.ThrottleLimit = limit;
            if (options.RequestTimeout is TimeSpan timeout) batching.RequestTimeout = timeout;
            UserRun? run = null;
            // Retries, holds and give-ups are worth a verbose line; rate changes are detail for -Debug.
            var dispatcher = new BatchDispatcher(connection, batching,
                e => run?.Post(e.Kind == BatchEventKind.RateChanged ? RunMessageLevel.Debug : RunMessageLevel.Verbose, e.Message));
            run = new UserRun(dispatcher, operation, options) { _dispatcher = dispatcher, _statistics = () => dispatcher.Statistics, _tokenRefreshes = () => connection.TokenRefreshes };
            return run;
        }

        /// <summary>The dispatcher's counters (batches, retries, 429s), or null for a run over another caller.</summary>
        public BatchStatistics? BatchStatistics => _statistics?.Invoke();

        /// <summary>Fresh tokens fetched after a 401 on this connection so far (diagnostics).</summary>
        public int TokenRefreshes => _tokenRefreshes?.Invoke() ?? 0;

        /// <summary>Counts for progress.</summary>
        public RunCounters Counters { get; } = new RunCounters();

        /// <summary>Set when the run policy ended the run (a 401); null otherwise.</summary>
        public RunEndedException? Ended => Volatile.Read(ref _ended);

        /// <summary>True once <see cref="Stop"/> was called or the run ended: no new request is sent.</summary>
        public bool IsStopping => _stop.IsCancellationRequested;

        /// <summary>True when every submitted input has its outcome queued and <see cref="Complete"/> was called.</summary>
        public bool IsCompleted => _completion.Task.IsCompleted;

        /// <summary>A handle that is signalled whenever an event is queued or the run completes.</summary>
        public WaitHandle EventSignal => _signal;

        /// <summary>Requests of <paramref name="step"/> Graph refused with 403 in this run (the caller's role may not act on those users).</summary>
        public int Forbidden(RunStep step) => _policy.Forbidden(step);

        /// <summary>Hands an input to the run unless <see cref="UserRunOptions.MaxUsersInFlight"/> are in flight already.</summary>
        /// <returns>False when the run is full: drain events and try again.</returns>
        public bool TrySubmit(UserInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (Volatile.Read(ref _inFlight) >= _options.MaxUsersInFlight) return false;
            Interlocked.Increment(ref _inFlight);
            Counters.AddSubmitted();
            if (IsStopping)
            {
                NotAttempted(input);
                return true;
            }

            // Inputs that name a user the same way (same id, same UPN in another case, the same Get-AadUser object) are
            // caught here, in input order; inputs that name a user differently (UPN and object id) after the lookup.
            string key = input.KnownUser?.Id ?? "input:" + input.Reference.Key;
            if (_duplicates.Claim(key, input) is UserInput earlier)
            {
                Fail(input, RunStep.Validation, new DuplicateInputException(input, earlier, input.KnownUser?.Id ?? input.Reference.Key));
                return true;
            }

            if (input.KnownUser is null) _lookups.Started(input.Index);

            _ = Task.Run(() => ProcessAsync(input));
            return true;
        }

        /// <summary>No more inputs will come; the run completes when the inputs in flight have their outcomes.</summary>
        public void Complete()
        {
            Interlocked.Exchange(ref _completed, 1);
            if (Volatile.Read(ref _inFlight) == 0) SetCompleted();
        }

        /// <summary>Stops sending: inputs not yet sent are not attempted; requests already sent are awaited.</summary>
        public void Stop() => _stop.Cancel(); // the source is never disposed: late work still reads its token

        /// <summary>
        /// Users whose outcome is not queued yet but who have something to hand over if the run stops now: a write sent and
        /// still waiting for Graph's final answer (after a stop's grace period it may be in force), or a result Graph
        /// accepted that waits for a later step. An entry is dropped only after the user's outcome is queued, so a reader
        /// that takes this snapshot before draining the events misses no one (and may see a user in both).
        /// </summary>
        public IReadOnlyCollection<PendingResult> Pending() => _pending.Values.ToList();

        /// <summary>Takes the next queued event, if any.</summary>
        public bool TryTake(out RunEvent? runEvent)
        {
            bool taken = _events.TryDequeue(out RunEvent? item);
            runEvent = item;
            return taken;
        }

        /// <summary>Waits until every input in flight has its outcome, or <paramref name="timeout"/> passes.</summary>
        public async Task<bool> WaitForCompletionAsync(TimeSpan timeout) =>
            await Task.WhenAny(_completion.Task, Task.Delay(timeout)).ConfigureAwait(false) == _completion.Task;

        /// <inheritdoc />
        public void Dispose()
        {
            // Not disposed: work still finishing on the thread pool reads its token.
            _stop.Cancel();
            _dispatcher?.Dispose();
        }

        private async Task ProcessAsync(UserInput input)
        {
            RunStep step = RunStep.Lookup;
            UserWork? work = null;
            // This input's lookup counts as pending until its user is claimed: a later input naming the same user must not
            // start sending in the moment between this lookup's answer and this input's claim.
            bool lookupPending = input.KnownUser is null;
            try
            {
                CancellationToken stop = _stop.Token;
                AadUser user = input.KnownUser ?? await LookupAsync(input, stop).ConfigureAwait(false);

                step = RunStep.Validation;
                if (_operation.Refuse(user) is UserRefusedException refused)
                {
                    Fail(input, step, refused);
                    return;
                }

                UserInput? earlier = _duplicates.Claim(user.Id, input);
                if (lookupPending)
                {
                    lookupPending = false;
                    _lookups.Ended(input.Index);
                }

                if (earlier != null)
                {
                    Fail(input, step, new DuplicateInputException(input, earlier, user.Id));
                    return;
                }

                // Keep the earliest input that names this user: wait (briefly) until earlier inputs know their users.
                await _lookups.WaitForEarlierAsync(input.Index, EarlierLookupsWait).ConfigureAwait(false);
                if (_duplicates.BeginSend(user.Id, input) is UserInput keeper)
                {
                    Fail(input, step, new DuplicateInputException(input, keeper, user.Id));
                    return;
                }

                work = new UserWork(input, user, _caller, SetPending);
                UserOutcome outcome = await _operation.RunAsync(work, stop).ConfigureAwait(false);
                if (outcome.Failure is StepFailure failure)
                {
                    if (failure.Error is GraphRequestException graph) FailFromGraph(input, failure.Step, graph);
                    else Fail(input, failure.Step, failure.Error);
                    return;
                }

                Succeed(input, user, outcome);
            }
            catch (OperationCanceledException) when (IsStopping)
            {
                NotAttempted(input);
            }
            catch (GraphRequestException ex)
            {
                FailFromGraph(input, work?.Step ?? step, ex);
            }
            catch (Exception ex)
            {
                // Never lose an input: an unexpected failure is still its one outcome.
                Fail(input, work?.Step ?? step, ex);
            }
            finally
            {
                if (lookupPending) _lookups.Ended(input.Index);
            }
        }

        private async Task<AadUser> LookupAsync(UserInput input, CancellationToken stop)
        {
            GraphAnswer answer = await _caller.SendAsync(UserRequests.Lookup(input.Reference), stop).ConfigureAwait(false);
            if (!answer.IsSuccess) throw answer.ToException();
            return GraphAnswers.ToUser(answer);
        }

        private void SetPending(UserWork work, PendingResult? pending)
        {
            if (pending is null) _pending.TryRemove(work.Input.Index, out _);
            else _pending[work.Input.Index] = pending;
        }

        private void Succeed(UserInput input, AadUser user, UserOutcome outcome)
        {
            Counters.AddSucceeded();
            var warnings = new List<string>();
            if (input.Reference.MismatchWith(user.UserPrincipalName) is string mismatch) warnings.Add(mismatch);
            warnings.AddRange(outcome.Warnings);
            if (outcome.LaterFailure is StepFailure later)
            {
                // Partial success: the result stands; the later step's failure is its own error. A 401 still ends the run.
                Counters.AddLaterStepFailed();
                if (later.Error is GraphRequestException graph && _policy.ObserveFailure(later.Step, graph) is RunEndReason reason) End(reason, graph);
            }

            Publish(input, new UserSucceeded(input, outcome.Result!, warnings.ToArray(), outcome.FromJournal, outcome.LaterFailure));
        }

        private void FailFromGraph(UserInput input, RunStep step, GraphRequestException failure)
        {
            if (_policy.ObserveFailure(step, failure) is RunEndReason reason)
            {
                End(reason, failure);
                if (!(failure.MayHaveBeenApplied && RunSteps.IsWrite(step)))
                {
                    // Refused before anything happened, as every input after it will be: the run's one terminating error
                    // speaks for these inputs too (counted as not attempted), instead of one identical error each.
                    NotAttempted(input);
                    return;
                }
            }

            Fail(input, step, failure);
        }

        private void Fail(UserInput input, RunStep step, Exception error)
        {
            Counters.AddFailed();
            Publish(input, new UserFailed(input, step, error));
        }

        private void NotAttempted(UserInput input)
        {
            Counters.AddNotAttempted();
            _pending.TryRemove(input.Index, out _);
            Finish();
        }

        private void End(RunEndReason reason, GraphRequestException cause)
        {
            string message = "Graph refused the token (401), so the run cannot go on for any other user; the run was ended. " + cause.Message;
            if (Interlocked.CompareExchange(ref _ended, new RunEndedException(reason, message, cause), null) == null) Stop();
        }

        // The user's outcome is queued before what a stop would hand over for it is dropped (see Pending).
        private void Publish(UserInput input, RunEvent outcome)
        {
            Publish(outcome);
            _pending.TryRemove(input.Index, out _);
            Finish();
        }

        private void Publish(RunEvent runEvent)
        {
            _events.Enqueue(runEvent);
            _signal.Set();
        }

        /// <summary>Queues a diagnostic line for the pipeline thread.</summary>
        internal void Post(RunMessageLevel level, string text) => Publish(new RunMessage(level, text));

        private void Finish()
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _completed) == 1) SetCompleted();
        }

        private void SetCompleted()
        {
            if (_completion.TrySetResult(true)) _signal.Set();
        }
    }
}
