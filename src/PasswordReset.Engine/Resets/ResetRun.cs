using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Graph.Batching;
using PasswordReset.Passwords;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>
    /// One run of <c>Reset-AadUserPassword</c>: takes inputs as they arrive, resolves each to a user, fixes its password
    /// once, sends, and reports one outcome per input (<see cref="ResetSucceeded"/> or <see cref="ResetFailed"/>)
    /// through <see cref="TryTake"/> as outcomes complete — not in input order. Requests go through an
    /// <see cref="IGraphCaller"/> that groups them into <c>$batch</c> requests, paces and retries them; every retry of a
    /// user carries the same password, so the emitted password is always the one Graph holds. This is where a reset happens.
    /// </summary>
    /// <remarks>
    /// Threads: <see cref="TrySubmit"/>, <see cref="Complete"/> and <see cref="TryTake"/> are called by the pipeline
    /// thread, <see cref="Stop"/> from any thread; the work runs on the thread pool and only queues events.
    /// </remarks>
    public sealed class ResetRun : IDisposable
    {
        private readonly IGraphCaller _caller;
        private readonly TemporaryPasswordGenerator _generator;
        private readonly ResetRunOptions _options;
        private readonly ResetJournal? _journal;
        private readonly RunPolicy _policy;
        private readonly DuplicateTracker _duplicates = new DuplicateTracker();
        private readonly LookupOrder _lookups = new LookupOrder();
        private readonly ConcurrentDictionary<long, PasswordResetResult> _awaitingAnswer = new ConcurrentDictionary<long, PasswordResetResult>();

        // How long a reset waits for earlier inputs' lookups (so the earliest of two inputs naming one user is kept).
        private static readonly TimeSpan EarlierLookupsWait = TimeSpan.FromSeconds(10);
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

        /// <summary>Creates a run. The journal, when given, is owned by the caller.</summary>
        public ResetRun(IGraphCaller caller, TemporaryPasswordGenerator generator, ResetRunOptions options, ResetJournal? journal)
        {
            _caller = caller ?? throw new ArgumentNullException(nameof(caller));
            _generator = generator ?? throw new ArgumentNullException(nameof(generator));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            _journal = journal;
            _policy = new RunPolicy();
        }

        /// <summary>
        /// Starts a run over <paramref name="connection"/>: its requests go through a batch dispatcher (JSON batching,
        /// pacing, retries) that the run owns and disposes.
        /// </summary>
        public static ResetRun Start(GraphConnection connection, ResetRunOptions options, ResetJournal? journal)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            if (options is null) throw new ArgumentNullException(nameof(options));
            var batching = new BatchDispatcherOptions { BatchSize = options.BatchSize };
            if (options.ThrottleLimit is int limit) batching.ThrottleLimit = limit;
            if (options.RequestTimeout is TimeSpan timeout) batching.RequestTimeout = timeout;
            ResetRun? run = null;
            // Retries, holds and give-ups are worth a verbose line; rate changes are detail for -Debug.
            var dispatcher = new BatchDispatcher(connection, batching,
                e => run?.Post(e.Kind == BatchEventKind.RateChanged ? RunMessageLevel.Debug : RunMessageLevel.Verbose, e.Message));
            run = new ResetRun(dispatcher, new TemporaryPasswordGenerator(), options, journal) { _dispatcher = dispatcher, _statistics = () => dispatcher.Statistics, _tokenRefreshes = () => connection.TokenRefreshes };
            return run;
        }

        /// <summary>The dispatcher's counters (batches, retries, 429s), or null for a run over another caller.</summary>
        public BatchStatistics? BatchStatistics => _statistics?.Invoke();

        /// <summary>Fresh tokens fetched after a 401 on this connection so far (diagnostics).</summary>
        public int TokenRefreshes => _tokenRefreshes?.Invoke() ?? 0;

        /// <summary>Counts for progress.</summary>
        public RunCounters Counters { get; } = new RunCounters();

        /// <summary>Set when the run policy ended the run (401, or the permission evidently missing); null otherwise.</summary>
        public RunEndedException? Ended => Volatile.Read(ref _ended);

        /// <summary>True once <see cref="Stop"/> was called or the run ended: no new request is sent.</summary>
        public bool IsStopping => _stop.IsCancellationRequested;

        /// <summary>True when every submitted input has its outcome queued and <see cref="Complete"/> was called.</summary>
        public bool IsCompleted => _completion.Task.IsCompleted;

        /// <summary>A handle that is signalled whenever an event is queued or the run completes.</summary>
        public WaitHandle EventSignal => _signal;

        /// <summary>Hands an input to the run unless <see cref="ResetRunOptions.MaxUsersInFlight"/> are in flight already.</summary>
        /// <returns>False when the run is full: drain events and try again.</returns>
        public bool TrySubmit(ResetInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (Volatile.Read(ref _inFlight) >= _options.MaxUsersInFlight) return false;
            Interlocked.Increment(ref _inFlight);
            Counters.AddSubmitted();
            if (IsStopping)
            {
                Counters.AddNotAttempted();
                Finish();
                return true;
            }

            // Inputs that name a user the same way (same id, same UPN in another case, the same Get-AadUser object) are
            // caught here, in input order; inputs that name a user differently (UPN and object id) after the lookup.
            string key = input.KnownUser?.Id ?? "input:" + input.Reference.Key;
            if (_duplicates.Claim(key, input) is ResetInput earlier)
            {
                Fail(input, ResetStep.Validation, new DuplicateInputException(input, earlier, input.KnownUser?.Id ?? input.Reference.Key));
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
        /// Resets sent and still waiting for Graph's final answer (after a stop's grace period: their passwords may be in
        /// force). Each carries the user and the password sent; ResetTime is when it was sent.
        /// </summary>
        public IReadOnlyCollection<PasswordResetResult> AwaitingAnswer() => _awaitingAnswer.Values.ToList();

        /// <summary>Takes the next queued event, if any.</summary>
        public bool TryTake(out RunEvent? runEvent)
        {
            bool taken = _events.TryDequeue(out RunEvent? item);
            runEvent = item;
            return taken;
        }

        /// <summary>Waits until every input in flight has its outcome, or <paramref name="timeout"/> passes.</summary>
        public Task<bool> WaitForCompletionAsync(TimeSpan timeout) => WaitAsync(_completion.Task, timeout);

        private static async Task<bool> WaitAsync(Task task, TimeSpan timeout) =>
            await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) == task;

        /// <inheritdoc />
        public void Dispose()
        {
            // Not disposed: work still finishing on the thread pool reads its token.
            _stop.Cancel();
            _dispatcher?.Dispose();
        }

        private async Task ProcessAsync(ResetInput input)
        {
            ResetStep step = ResetStep.Lookup;
            try
            {
                CancellationToken stop = _stop.Token;
                AadUser user;
                if (input.KnownUser != null)
                {
                    user = input.KnownUser;
                }
                else
                {
                    try
                    {
                        user = await LookupAsync(input, stop).ConfigureAwait(false);
                    }
                    finally
                    {
                        _lookups.Ended(input.Index);
                    }
                }

                step = ResetStep.Validation;
                if (user.IsExternal)
                {
                    Fail(input, step, new PasswordResetRefusedException(PasswordResetRefusal.ExternalUser,
                        $"'{user.UserPrincipalName}' is an external (B2B guest) account: its password belongs to its home tenant or identity provider " +
                        "and can only be reset there. Nothing was sent."));
                    return;
                }

                if (_duplicates.Claim(user.Id, input) is ResetInput earlier)
                {
                    Fail(input, step, new DuplicateInputException(input, earlier, user.Id));
                    return;
                }

                // Keep the earliest input that names this user: wait (briefly) until earlier inputs know their users.
                await _lookups.WaitForEarlierAsync(input.Index, EarlierLookupsWait).ConfigureAwait(false);
                if (_duplicates.BeginSend(user.Id, input) is ResetInput keeper)
                {
                    Fail(input, step, new DuplicateInputException(input, keeper, user.Id));
                    return;
                }

                JournalRecord? previous = null;
                if (_journal != null && _journal.Previous.TryGetValue(user.Id, out previous) && previous.Succeeded)
                {
                    Succeed(input, ResultFromJournal(user, previous), fromJournal: true);
                    return;
                }

                step = ResetStep.Reset;
                PasswordResetOptions options = _options.Password;
                string? journaled = options.NewPassword is null ? previous?.Password : null;
                string password = options.NewPassword ?? journaled ?? _generator.Generate(options.PasswordLength);
                GraphAnswer answer = await SendResetAsync(input, user, password, stop).ConfigureAwait(false);
                if (!answer.IsSuccess && options.NewPassword is null && answer.ToException().Kind == GraphFailureKind.PasswordRejected)
                {
                    // A generated password can still hit the tenant's banned list: regenerate once, as the portal would.
                    password = _generator.Generate(options.PasswordLength);
                    answer = await SendResetAsync(input, user, password, stop).ConfigureAwait(false);
                }

                if (!answer.IsSuccess)
                {
                    GraphRequestException refused = answer.ToException();
                    // A refusal after an attempt whose answer was lost (e.g. a 401 once the token was revoked) does not
                    // mean nothing changed: the earlier attempt may have set this password. That is "outcome unknown".
                    refused.MayHaveBeenApplied = answer.EarlierAttemptMayHaveApplied && refused.Kind != GraphFailureKind.PasswordRejected;
                    _journal?.RecordFailure(user.Id, refused.StatusCode, refused.GraphErrorCode, refused.MayHaveBeenApplied);
                    FailFromGraph(input, step, refused);
                    return;
                }

                var result = new PasswordResetResult
                {
                    Id = user.Id,
                    UserPrincipalName = user.UserPrincipalName,
                    DisplayName = user.DisplayName,
                    TemporaryPassword = options.NewPassword is null ? password : null,
                    ForceChangePasswordNextSignIn = options.ForceChangePasswordNextSignIn,
                    ForceChangePasswordNextSignInWithMfa = options.ForceChangePasswordNextSignInWithMfa,
                    ResetTime = DateTimeOffset.UtcNow,
                    RequestId = answer.RequestId,
                    OnPremisesSyncEnabled = user.OnPremisesSyncEnabled == true,
                };
                _journal?.RecordSuccess(result);
                Succeed(input, result, fromJournal: false);
            }
            catch (OperationCanceledException) when (IsStopping)
            {
                Counters.AddNotAttempted();
                Finish();
            }
            catch (GraphRequestException ex)
            {
                FailFromGraph(input, step, ex);
            }
            catch (Exception ex)
            {
                // Never lose an input: an unexpected failure is still its one outcome.
                Fail(input, step, ex);
            }
        }

        private async Task<AadUser> LookupAsync(ResetInput input, CancellationToken stop)
        {
            GraphAnswer answer = await _caller.SendAsync(ResetRequests.Lookup(input.Reference), stop).ConfigureAwait(false);
            if (!answer.IsSuccess) throw answer.ToException();
            return GraphAnswers.ToUser(answer);
        }

        // The intent is on disk before the request leaves, so even after kill -9 the password sent is known.
        private async Task<GraphAnswer> SendResetAsync(ResetInput input, AadUser user, string password, CancellationToken stop)
        {
            stop.ThrowIfCancellationRequested();
            if (_journal != null)
            {
                await _journal.RecordIntentAsync(user, input, _options.Password.NewPassword is null ? password : null, _options.Password).ConfigureAwait(false);
            }

            // What the admin would need if the run is stopped before Graph answers: the password that may now be in force.
            _awaitingAnswer[input.Index] = new PasswordResetResult
            {
                Id = user.Id, UserPrincipalName = user.UserPrincipalName, DisplayName = user.DisplayName,
                TemporaryPassword = _options.Password.NewPassword is null ? password : null, ResetTime = DateTimeOffset.UtcNow,
            };
            try
            {
                return await _caller.SendAsync(ResetRequests.Patch(user, password, _options.Password), stop).ConfigureAwait(false);
            }
            catch (GraphRequestException ex)
            {
                _journal?.RecordFailure(user.Id, ex.StatusCode, ex.GraphErrorCode, ex.MayHaveBeenApplied);
                throw;
            }
            finally
            {
                _awaitingAnswer.TryRemove(input.Index, out _);
            }
        }

        private static PasswordResetResult ResultFromJournal(AadUser user, JournalRecord record) => new PasswordResetResult
        {
            Id = user.Id,
            UserPrincipalName = record.UserPrincipalName ?? user.UserPrincipalName,
            DisplayName = record.DisplayName ?? user.DisplayName,
            TemporaryPassword = record.Password,
            ForceChangePasswordNextSignIn = record.ForceChangePasswordNextSignIn,
            ForceChangePasswordNextSignInWithMfa = record.ForceChangePasswordNextSignInWithMfa,
            ResetTime = record.ResetTime ?? DateTimeOffset.UtcNow,
            RequestId = record.RequestId,
            OnPremisesSyncEnabled = record.OnPremisesSyncEnabled,
        };

        private void Succeed(ResetInput input, PasswordResetResult result, bool fromJournal)
        {
            Counters.AddSucceeded();
            var warnings = new List<string>();
            UserReference reference = input.Reference;
            if (reference.MismatchWith(result.UserPrincipalName) is string mismatch) warnings.Add(mismatch);

            if (result.OnPremisesSyncEnabled && !fromJournal)
            {
                warnings.Add($"'{result.UserPrincipalName}' is synced from on-premises Active Directory: the new password is written back on-premises through password writeback.");
            }

            Publish(new ResetSucceeded(input, result, warnings.ToArray(), fromJournal));
            Finish();
        }

        private void FailFromGraph(ResetInput input, ResetStep step, GraphRequestException failure)
        {
            if (_policy.ObserveFailure(failure) is RunEndReason reason)
            {
                End(reason, failure);
                if (!(failure.MayHaveBeenApplied && step == ResetStep.Reset))
                {
                    // Refused before anything happened, as every input after it will be: the run's one terminating error
                    // speaks for these inputs too (counted as not attempted), instead of one identical error each.
                    Counters.AddNotAttempted();
                    Finish();
                    return;
                }
            }

            Fail(input, step, failure);
        }

        /// <summary>Resets Graph refused with 403 in this run (the caller's role may not reset those users).</summary>
        public int Forbidden => _policy.Forbidden;

        private void Fail(ResetInput input, ResetStep step, Exception error)
        {
            Counters.AddFailed();
            Publish(new ResetFailed(input, step, error));
            Finish();
        }

        private void End(RunEndReason reason, GraphRequestException cause)
        {
            string message = "Graph refused the token (401), so no other user can be reset; the run was ended. " + cause.Message;
            if (Interlocked.CompareExchange(ref _ended, new RunEndedException(reason, message, cause), null) == null) Stop();
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
