using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace PasswordReset.Runs
{
    /// <summary>
    /// Tracks which inputs' lookups are still pending, so a user's first write can wait (briefly) until every earlier input knows its
    /// user: then a user named twice is kept for the earlier input even when the later lookup answered first. Lookups are
    /// batched in input order and usually answer together, so the wait is short; it is bounded so one slow lookup cannot
    /// stall the run. Thread-safe.
    /// </summary>
    internal sealed class LookupOrder
    {
        private readonly object _gate = new object();
        private readonly SortedSet<long> _pending = new SortedSet<long>();
        private readonly SortedDictionary<long, List<TaskCompletionSource<bool>>> _waiters = new SortedDictionary<long, List<TaskCompletionSource<bool>>>();

        /// <summary>Registers a lookup about to start for input <paramref name="index"/> (called in input order).</summary>
        public void Started(long index)
        {
            lock (_gate) _pending.Add(index);
        }

        /// <summary>The lookup of input <paramref name="index"/> ended (resolved, failed or abandoned).</summary>
        public void Ended(long index)
        {
            List<TaskCompletionSource<bool>>? released = null;
            lock (_gate)
            {
                if (!_pending.Remove(index)) return;
                long lowest = _pending.Count == 0 ? long.MaxValue : _pending.Min;
                while (_waiters.Count > 0)
                {
                    using var first = _waiters.GetEnumerator();
                    first.MoveNext();
                    if (first.Current.Key > lowest) break;
                    (released ??= new List<TaskCompletionSource<bool>>()).AddRange(first.Current.Value);
                    _waiters.Remove(first.Current.Key);
                }
            }

            if (released != null) foreach (var waiter in released) waiter.TrySetResult(true);
        }

        /// <summary>Completes when no input before <paramref name="index"/> has a lookup pending, or after <paramref name="limit"/>.</summary>
        public Task WaitForEarlierAsync(long index, TimeSpan limit)
        {
            TaskCompletionSource<bool> waiter;
            lock (_gate)
            {
                if (_pending.Count == 0 || _pending.Min >= index) return Task.CompletedTask;
                // Released once the lowest pending index is at least this one.
                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_waiters.TryGetValue(index, out var list)) _waiters[index] = list = new List<TaskCompletionSource<bool>>();
                list.Add(waiter);
            }

            return Task.WhenAny(waiter.Task, Task.Delay(limit));
        }
    }
}
