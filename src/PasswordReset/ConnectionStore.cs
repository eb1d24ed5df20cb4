using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PasswordReset.Graph;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Keeps one <see cref="GraphConnection"/> per PowerShell runspace, so two runspaces (thread jobs,
    /// <c>ForEach-Object -Parallel</c>) can be connected to different tenants without crossing. The table is
    /// weak on the runspace: a closed runspace's connection goes with it.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new ConditionalWeakTable<Runspace, Holder>();

        /// <summary>The current runspace's connection, or null.</summary>
        public static GraphConnection? Current =>
            Runspace.DefaultRunspace is Runspace rs && Connections.TryGetValue(rs, out var holder) ? holder.Connection : null;

        /// <summary>
        /// Sets (or with null, clears) the current runspace's connection. The replaced one is not disposed: a cmdlet
        /// still running in the pipeline (a reconnect every N users) keeps using the connection it started with, and
        /// its HttpClient is released once nothing refers to it.
        /// </summary>
        public static void Set(GraphConnection? connection)
        {
            Runspace rs = Runspace.DefaultRunspace;
            var holder = Connections.GetValue(rs, _ => new Holder());
            holder.Connection = connection;
            holder.ClosedByConnect = false;
        }

        /// <summary>
        /// A Connect-AadGraph begins (its arguments are being bound, or it starts): the current runspace's connection is
        /// forgotten at once, so the connect is all or nothing whatever makes it fail, and remembered as closed by a connect
        /// (<see cref="ClosedByConnect"/>) until the next <see cref="Set"/>. Nothing on a thread without a runspace.
        /// </summary>
        public static void BeginConnect()
        {
            if (!(Runspace.DefaultRunspace is Runspace rs) || !Connections.TryGetValue(rs, out var holder) || holder.Connection is null) return;
            holder.Connection = null;
            holder.ClosedByConnect = true;
        }

        /// <summary>True when a connection was forgotten by <see cref="BeginConnect"/> and nothing was set since.</summary>
        public static bool ClosedByConnect =>
            Runspace.DefaultRunspace is Runspace rs && Connections.TryGetValue(rs, out var holder) && holder.ClosedByConnect;

        private sealed class Holder
        {
            public GraphConnection? Connection;
            public bool ClosedByConnect;
        }
    }
}
