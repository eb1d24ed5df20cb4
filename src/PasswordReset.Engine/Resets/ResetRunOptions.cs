using System;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>What one <c>Reset-AadUserPassword</c> run sends and how much it keeps in flight.</summary>
    public sealed class ResetRunOptions
    {
        /// <summary>What goes into each <c>passwordProfile</c>.</summary>
        public PasswordResetOptions Password { get; set; } = new PasswordResetOptions();

        /// <summary>
        /// Users in flight at once (looked up, waiting to be sent, or sent). Bounds memory and what a stop leaves
        /// behind; the cmdlet sets it from <c>-BatchSize</c> × <c>-ThrottleLimit</c> so batches stay full. Default 160.
        /// </summary>
        public int MaxUsersInFlight { get; set; } = 160;

        /// <summary>Inner requests per <c>$batch</c>, 1–20 (graph-facts.md §5); default 20.</summary>
        public int BatchSize { get; set; } = 20;

        /// <summary>
        /// Batches in flight at once; the pacer may send fewer when Graph signals load. Null for the dispatcher's default.
        /// </summary>
        public int? ThrottleLimit { get; set; }

        /// <summary>How long one batch attempt may wait for its answer before it is retried; null for the dispatcher's default.</summary>
        public TimeSpan? RequestTimeout { get; set; }

        /// <summary>The tenant id of the connection (checked against a journal being resumed); null when unknown.</summary>
        public string? TenantId { get; set; }

        internal void Validate()
        {
            if (Password is null) throw new ArgumentException("Password options are required.");
            if (MaxUsersInFlight < 1) throw new ArgumentOutOfRangeException(nameof(MaxUsersInFlight), MaxUsersInFlight, "At least one user must be allowed in flight.");
        }
    }
}
