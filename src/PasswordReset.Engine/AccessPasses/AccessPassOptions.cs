using System;

namespace PasswordReset.AccessPasses
{
    /// <summary>
    /// What a Temporary Access Pass create asks for (graph-facts.md §10). A value left null is not sent, so the tenant's
    /// policy decides it: the default lifetime, whether the pass is one-time, and "usable at once".
    /// </summary>
    public sealed class AccessPassOptions
    {
        /// <summary>Graph's range for <c>lifetimeInMinutes</c>: 10 minutes to 30 days.</summary>
        public const int MinimumLifetimeInMinutes = 10;

        /// <summary>43,200 minutes: 30 days.</summary>
        public const int MaximumLifetimeInMinutes = 43200;

        /// <summary><c>lifetimeInMinutes</c>, 10–43,200; null: the policy's default lifetime. The policy's own minimum and maximum are checked by Graph.</summary>
        public int? LifetimeInMinutes { get; set; }

        /// <summary><c>isUsableOnce</c>; null: not sent (the policy decides).</summary>
        public bool? IsUsableOnce { get; set; }

        /// <summary><c>startDateTime</c>; null: usable as soon as it is created.</summary>
        public DateTimeOffset? StartDateTime { get; set; }

        internal void Validate()
        {
            if (LifetimeInMinutes is int minutes && (minutes < MinimumLifetimeInMinutes || minutes > MaximumLifetimeInMinutes))
            {
                throw new ArgumentOutOfRangeException(nameof(LifetimeInMinutes), minutes, $"A pass lives {MinimumLifetimeInMinutes} to {MaximumLifetimeInMinutes} minutes.");
            }
        }
    }
}
