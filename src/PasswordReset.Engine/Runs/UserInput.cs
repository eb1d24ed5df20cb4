using System;
using PasswordReset.Users;

namespace PasswordReset.Runs
{
    /// <summary>
    /// One input of a run, as the admin gave it: the validated <see cref="UserReference"/>, the <c>Get-AadUser</c> object
    /// when one came in (no lookup is needed), and the raw input for error records.
    /// </summary>
    public sealed class UserInput
    {
        /// <summary>Creates an input; <paramref name="index"/> is its position in input order (0-based).</summary>
        public UserInput(long index, UserReference reference, AadUser? knownUser, object target)
        {
            Index = index;
            Reference = reference ?? throw new ArgumentNullException(nameof(reference));
            KnownUser = knownUser != null && !string.IsNullOrEmpty(knownUser.Id) ? knownUser : null;
            Target = target ?? throw new ArgumentNullException(nameof(target));
        }

        /// <summary>Position in input order, 0-based.</summary>
        public long Index { get; }

        /// <summary>Who to act on.</summary>
        public UserReference Reference { get; }

        /// <summary>The user from Get-AadUser, or null when a lookup is needed.</summary>
        public AadUser? KnownUser { get; }

        /// <summary>The input as given (the error record's target object); opaque to the engine.</summary>
        public object Target { get; }

        /// <summary>How messages name this input: "#3 'adele@contoso.com'".</summary>
        public string Describe() => $"#{Index + 1} '{Reference}'";
    }
}
