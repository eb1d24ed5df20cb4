using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Errors;

namespace PasswordReset.Graph.Batching
{
    // How the answer to one batch attempt settles each of its calls: final answer, failure, or retry.
    public sealed partial class BatchDispatcher
    {
        private async Task SendBatchAsync(List<BatchItem> items, List<PendingCall> calls)
        {
            Interlocked.Increment(ref _batchesSent);
            Interlocked.Add(ref _callsSent, calls.Count);
            try
            {
                BatchReply reply = await _transport.SendAsync(items, _options.RequestTimeout).ConfigureAwait(false);
                Settle(items, calls, reply);
            }
#pragma warning disable CA1031 // Every call must complete, whatever went wrong in our own code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (PendingCall pending in calls)
                {
                    Fail(pending, new GraphRequestException(null, null, "The batch could not be processed: " + ex.Message, null, null, ex)
                    {
                        MayHaveBeenApplied = pending.Call.IsWrite,
                    });
                }
            }
            finally
            {
                lock (_gate) _inFlight--;
                Wake();
            }
        }

        private void Settle(List<BatchItem> items, List<PendingCall> calls, BatchReply reply)
        {
            TimeSpan now = _time.Now;
            switch (reply.Kind)
            {
                case BatchReplyKind.Answered:
                    for (int i = 0; i < calls.Count; i++) SettleInner(calls[i], items[i].Id, reply.Answers!, now);
                    return;

                case BatchReplyKind.SignInFailed:
                    foreach (PendingCall pending in calls)
                    {
                        GraphRequestException error = GraphRequestException.SignInFailed(reply.Error!);
                        error.MayHaveBeenApplied = pending.Call.IsWrite && pending.MayHaveBeenApplied;
                        Fail(pending, error);
                    }

                    return;

                case BatchReplyKind.NoAnswer:
                case BatchReplyKind.Malformed:
                    BatchFailed(calls, reply, new AttemptFailure(reply.Status, null, Capitalise(reply.Description) + ".", Header(reply.Headers, "request-id"), null, reply.Error), null, now);
                    return;

                default:
                    SettleOuterStatus(calls, reply, now);
                    return;
            }
        }

        private void SettleOuterStatus(List<PendingCall> calls, BatchReply reply, TimeSpan now)
        {
            int status = reply.Status!.Value;
            GraphErrorBody error = GraphErrorBody.Read(reply.ErrorBody);
            string? requestId = error.RequestId ?? Header(reply.Headers, "request-id");
            var failure = new AttemptFailure(status, error.Code, error.Message ?? "The $batch request was answered " + status + ".", requestId, error.ClientRequestId ?? Header(reply.Headers, "client-request-id"), null);
            if (RetryRules.IsTransientStatus(status))
            {
                TimeSpan? retryAfter = ThrottleHeaders.ParseRetryAfter(Header(reply.Headers, ThrottleHeaders.RetryAfter), DateTimeOffset.UtcNow);
                if (status == 429)
                {
                    Interlocked.Add(ref _throttled, calls.Count);
                    bool anyWrite = calls.Exists(c => c.Call.IsWrite);
                    _pacer.Throttled(anyWrite, retryAfter ?? _backoff.Next(1), now, wholeBatch: true);
                }

                BatchFailed(calls, reply, failure, retryAfter, now);
                return;
            }

            // 401 after the token refresh's one retry, 400 (a batch we built wrong), 403, 413…: the same batch would get
            // the same answer, so every call in it fails now.
            foreach (PendingCall pending in calls)
            {
                Fail(pending, new GraphRequestException(status, failure.Code, failure.Message, failure.RequestId, failure.ClientRequestId, null)
                {
                    MayHaveBeenApplied = pending.Call.IsWrite && pending.MayHaveBeenApplied,
                });
            }
        }

        private void BatchFailed(List<PendingCall> calls, BatchReply reply, AttemptFailure failure, TimeSpan? retryAfter, TimeSpan now)
        {
            Interlocked.Increment(ref _batchFailures);
            TimeSpan delay = retryAfter ?? _backoff.Next(MaxAttempts(calls));
            _onEvent?.Invoke(new BatchEvent(BatchEventKind.Retry,
                string.Format(CultureInfo.InvariantCulture, "A batch of {0} failed ({1}); its calls will be sent again in {2:0.###} s.", calls.Count, reply.Description, delay.TotalSeconds),
                reply.Status, delay));
            foreach (PendingCall pending in calls)
            {
                // The batch may have been executed before its answer was lost: a write may have been applied.
                Retry(pending, failure, mayHaveBeenApplied: true, delay, now, announce: false);
            }
        }

        private void SettleInner(PendingCall pending, string id, IReadOnlyDictionary<string, GraphAnswer> answers, TimeSpan now)
        {
            bool write = pending.Call.IsWrite;
            if (!answers.TryGetValue(id, out GraphAnswer? answer))
            {
                var lost = new AttemptFailure(null, null, "Graph's $batch answer had no response for this request.", null, null, null);
                Retry(pending, lost, mayHaveBeenApplied: true, _backoff.Next(pending.Attempts), now, announce: true);
                return;
            }

            _pacer.Answered(write, ThrottleHeaders.ParseLimitPercentage(ThrottleHeaders.Find(answer.Headers, ThrottleHeaders.LimitPercentage)), now);
            int status = answer.Status;
            GraphErrorBody error = status >= 400 ? GraphErrorBody.Read(answer.BodyJson) : new GraphErrorBody();
            bool transient = RetryRules.IsTransientStatus(status);
            if (!transient && !RetryRules.IsConcurrencyViolation(status, error) && !RetryRules.IsTokenRefusedMidBatch(status, pending.Attempts))
            {
                Interlocked.Increment(ref _callsAnswered);
                Finish(pending, () => pending.Completion.TrySetResult(BatchResponseReader.WithAttempts(answer, pending.Attempts, pending.Call.IsWrite && pending.MayHaveBeenApplied)), CallState.Done);
                return;
            }

            TimeSpan? retryAfter = ThrottleHeaders.ParseRetryAfter(ThrottleHeaders.Find(answer.Headers, ThrottleHeaders.RetryAfter), DateTimeOffset.UtcNow);
            // A token refused mid-batch is sent again at once: the next batch's outer 401 fetches a fresh token.
            TimeSpan delay = status == 401 ? TimeSpan.Zero : retryAfter ?? _backoff.Next(pending.Attempts);
            if (status == 429)
            {
                Interlocked.Increment(ref _throttled);
                _pacer.Throttled(write, delay, now);
            }

            var failure = new AttemptFailure(status, error.Code, error.Message ?? "Graph answered " + status + ".", error.RequestId ?? answer.RequestId, error.ClientRequestId, null);
            // A 429 or 5xx on a write may still have been carried out (§5); a concurrency violation was not.
            Retry(pending, failure, mayHaveBeenApplied: transient, delay, now, announce: true);
        }

        private void Retry(PendingCall pending, AttemptFailure failure, bool mayHaveBeenApplied, TimeSpan delay, TimeSpan now, bool announce)
        {
            bool giveUp;
            lock (_gate)
            {
                pending.LastFailure = failure;
                if (mayHaveBeenApplied && pending.Call.IsWrite) pending.MayHaveBeenApplied = true;
                giveUp = _disposed
                    || pending.Attempts >= _options.MaxAttempts
                    || now + delay - pending.FirstSentAt > _options.MaxRetryTime;
                if (!giveUp)
                {
                    pending.State = CallState.Waiting;
                    _waiting.Add(pending);
                }
            }

            if (giveUp)
            {
                string why = _disposed
                    ? "The dispatcher was closed before the call could be sent again."
                    : string.Format(CultureInfo.InvariantCulture, "Gave up after {0} attempt(s) over {1:0.#} s.", pending.Attempts, (now - pending.FirstSentAt).TotalSeconds);
                _onEvent?.Invoke(new BatchEvent(BatchEventKind.GaveUp,
                    string.Format(CultureInfo.InvariantCulture, "{0} {1} failed ({2}): {3}", pending.Call.Method, pending.Call.Label, BatchResponseReader.StatusText(failure.Status), why),
                    failure.Status));
                Fail(pending, GiveUpException(pending, why));
                return;
            }

            Interlocked.Increment(ref _retries);
            if (announce)
            {
                _onEvent?.Invoke(new BatchEvent(BatchEventKind.Retry,
                    string.Format(CultureInfo.InvariantCulture, "Retrying {0} {1} ({2}, attempt {3}) in {4:0.###} s.", pending.Call.Method, pending.Call.Label, BatchResponseReader.StatusText(failure.Status), pending.Attempts + 1, delay.TotalSeconds),
                    failure.Status, delay));
            }

            _ = RequeueAfterAsync(pending, delay);
        }

        private async Task RequeueAfterAsync(PendingCall pending, TimeSpan delay)
        {
            try
            {
                await _time.Delay(delay, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // Disposed: Dispose failed the call.
            }

            lock (_gate)
            {
                if (pending.State != CallState.Waiting || _disposed) return;
                _waiting.Remove(pending);
                pending.State = CallState.Queued;
                pending.QueuedAt = _time.Now;
                pending.Node = (pending.Call.IsWrite ? _writes : _reads).AddFirst(pending);
            }

            Wake();
        }

        private static GraphRequestException GiveUpException(PendingCall pending, string why)
        {
            AttemptFailure failure = pending.LastFailure ?? new AttemptFailure(null, null, "The call was not answered.", null, null, null);
            return new GraphRequestException(failure.Status, failure.Code, failure.Message + " " + why, failure.RequestId, failure.ClientRequestId, failure.Error)
            {
                MayHaveBeenApplied = pending.Call.IsWrite && pending.MayHaveBeenApplied,
            };
        }

        private void Fail(PendingCall pending, Exception error)
        {
            Interlocked.Increment(ref _callsFailed);
            Finish(pending, () => pending.Completion.TrySetException(error), CallState.Done);
        }

        // Completes a call outside the lock, then drops its cancellation registration.
        private void Finish(PendingCall pending, Action complete, CallState? state = null)
        {
            if (state.HasValue)
            {
                lock (_gate)
                {
                    pending.State = state.Value;
                    _waiting.Remove(pending);
                }
            }

            complete();
            pending.Registration.Dispose();
        }

        private static int MaxAttempts(List<PendingCall> calls)
        {
            int attempts = 1;
            foreach (PendingCall pending in calls) attempts = Math.Max(attempts, pending.Attempts);
            return attempts;
        }

        private static string? Header(IReadOnlyDictionary<string, string> headers, string name) => ThrottleHeaders.Find(headers, name);

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
