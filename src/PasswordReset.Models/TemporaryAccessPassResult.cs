using System;

namespace PasswordReset
{
    /// <summary>
    /// What <c>New-AadUserTemporaryAccessPass</c> emits for each user Microsoft Graph created a Temporary Access Pass for
    /// (<c>POST /v1.0/users/{id}/authentication/temporaryAccessPassMethods</c> answered 201; graph-facts.md §10). The pass
    /// replaced any pass the user had: a user has one. Only the module creates it.
    /// </summary>
    public sealed class TemporaryAccessPassResult
    {
        /// <summary>The user's immutable object id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The user's userPrincipalName.</summary>
        public string? UserPrincipalName { get; internal set; }

        /// <summary>The user's display name.</summary>
        public string? DisplayName { get; internal set; }

        /// <summary>
        /// The pass's code, in plain text because the admin has to hand it over. Graph returns it only when the pass is
        /// created (never on a later read), so this object is the one place it exists: a secret exactly like a temporary
        /// password.
        /// </summary>
        public string? TemporaryAccessPass { get; internal set; }

        /// <summary>From when the pass can be used, in UTC (Graph's <c>startDateTime</c>; the creation time when none was asked for).</summary>
        public DateTimeOffset? StartDateTime { get; internal set; }

        /// <summary>How long the pass is valid from <see cref="StartDateTime"/>, in minutes (10–43,200; the tenant policy's default when none was asked for).</summary>
        public int? LifetimeInMinutes { get; internal set; }

        /// <summary>When the pass stops working, in UTC: <see cref="StartDateTime"/> plus <see cref="LifetimeInMinutes"/>.</summary>
        public DateTimeOffset? ExpiresAt =>
            // Never throws (this is read after Graph created the pass): a start too close to the end of time has no expiry here.
            StartDateTime.HasValue && LifetimeInMinutes.HasValue && StartDateTime.Value <= DateTimeOffset.MaxValue.AddMinutes(-LifetimeInMinutes.Value)
                ? StartDateTime.Value.AddMinutes(LifetimeInMinutes.Value)
                : (DateTimeOffset?)null;

        /// <summary>True when the pass can be used for one sign-in only; false when it can be used again within its lifetime.</summary>
        public bool? IsUsableOnce { get; internal set; }

        /// <summary>The pass's authentication method id (for <c>DELETE /users/{id}/authentication/temporaryAccessPassMethods/{id}</c>).</summary>
        public string? MethodId { get; internal set; }

        /// <summary>The <c>request-id</c> response header of the create, for Microsoft support.</summary>
        public string? RequestId { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => UserPrincipalName ?? Id;
    }
}
