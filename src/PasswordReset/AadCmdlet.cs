using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PasswordReset.Graph;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Base of the module's cmdlets: owns the cancellation source that Ctrl+C (<see cref="StopProcessing"/>)
    /// cancels, and blocks on the pipeline thread for engine calls, which take its token all the way down.
    /// </summary>
    public abstract class AadCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _hostMessages = new ConcurrentQueue<string>();

        /// <summary>Cancelled when the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>The runspace's connection; a terminating NotConnected error when there is none.</summary>
        protected GraphConnection RequireConnection()
        {
            GraphConnection? connection = ConnectionStore.Current;
            if (connection is null) ThrowTerminatingError(ErrorRecordFactory.NotConnected());
            return connection!;
        }

        /// <summary>
        /// Waits for an engine call on the pipeline thread (never <c>.Result</c>, which wraps exceptions), showing
        /// messages that other threads posted with <see cref="PostHostMessage"/> meanwhile — only this thread may write.
        /// </summary>
        protected T Await<T>(Task<T> task)
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(100))
            {
                DrainHostMessages();
            }

            DrainHostMessages();
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Queues a message for the host from any thread (e.g. a device-code prompt); shown as a warning.</summary>
        protected void PostHostMessage(string message) => _hostMessages.Enqueue(message);

        private void DrainHostMessages()
        {
            while (_hostMessages.TryDequeue(out string? message)) WriteWarning(message);
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            _cancellation.Cancel();
            OnStopping();
        }

        /// <summary>Called on the stopping thread when the pipeline is stopped; must not write to any stream.</summary>
        protected virtual void OnStopping()
        {
        }

        /// <summary>Called once when PowerShell disposes the cmdlet, also after a stop.</summary>
        protected virtual void OnDisposing()
        {
        }

        /// <inheritdoc />
        public void Dispose()
        {
            try
            {
                OnDisposing();
            }
            finally
            {
                _cancellation.Dispose();
                GC.SuppressFinalize(this);
            }
        }
    }
}
