using System;
using System.Management.Automation;
using PasswordReset.Errors;

namespace PasswordReset.Commands
{
    /// <summary>
    /// The one place that turns failures into <see cref="ErrorRecord"/>s: stable id, category, the user as
    /// target object, and a message with Graph's status, code and request-id. The original exception stays inside.
    /// </summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>What a 403 on a reset means (graph-facts.md §1, learn.microsoft.com/graph/api/user-update).</summary>
        public const string PermissionAdvice =
            "Graph answers 403 both when the token lacks a permission and when the caller's role may not reset this user. " +
            "A reset needs User-PasswordProfile.ReadWrite.All (delegated or application), and a role that may reset the target: " +
            "Helpdesk or Password Administrator for non-admins, User Administrator for most users, Privileged Authentication " +
            "Administrator for anyone including Global Administrators; an app also needs a role such as User Administrator on its service principal.";

        public static ErrorRecord FromGraph(GraphRequestException ex, object? target)
        {
            var (id, category, advice) = Classify(ex);
            var record = new ErrorRecord(ex, id, category, target);
            // A 403 looks the same for a missing permission and a role that may not reset this user: say both.
            string message = ex.Kind == GraphFailureKind.PermissionDenied ? ex.Message + " " + PermissionAdvice : ex.Message;
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            return record;
        }

        public static ErrorRecord InvalidIdentity(ArgumentException ex, object? target) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.InvalidUserIdentity, ErrorCategory.InvalidArgument, target),
                "Give each user a userPrincipalName (e.g. adele@contoso.com) or an object id; nothing was sent to Graph for this input.");

        public static ErrorRecord ExternalUser(Exception ex, object? target) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.ExternalUserPasswordNotManaged, ErrorCategory.InvalidOperation, target),
                "Reset the password in the user's home tenant or identity provider, or ask the user to use self-service password reset there.");

        public static ErrorRecord NotConnected() =>
            WithAdvice(
                new ErrorRecord(
                    new InvalidOperationException("Not connected to Microsoft Graph. Run Connect-AadGraph first."),
                    ErrorIds.NotConnected, ErrorCategory.ConnectionError, null),
                "Run Connect-AadGraph, e.g. Connect-AadGraph -AccessToken $token.");

        public static ErrorRecord Create(Exception ex, string id, ErrorCategory category, object? target, string advice) =>
            WithAdvice(new ErrorRecord(ex, id, category, target), advice);

        private static ErrorRecord WithAdvice(ErrorRecord record, string advice)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = advice };
            return record;
        }

        private static (string Id, ErrorCategory Category, string Advice) Classify(GraphRequestException ex)
        {
            switch (ex.Kind)
            {
                case GraphFailureKind.Unreachable:
                    return (ErrorIds.GraphUnreachable, ErrorCategory.ConnectionError, "Check the network path to the Graph endpoint and try again.");
                case GraphFailureKind.PasswordRejected:
                    return (ErrorIds.PasswordRejected, ErrorCategory.InvalidArgument,
                        "The password breaks the tenant's password policy or banned-password list; choose another one, or omit -NewPassword to generate one.");
                case GraphFailureKind.OnPremisesMastered:
                    return (ErrorIds.SyncedUserWritebackRequired, ErrorCategory.InvalidOperation,
                        "This user is synced from on-premises Active Directory. Enable password writeback (Entra Connect or Cloud Sync) to reset it here, or reset it in on-premises AD.");
                case GraphFailureKind.FederatedUser:
                    return (ErrorIds.FederatedUserPasswordNotManaged, ErrorCategory.InvalidOperation,
                        "The user's domain is federated: the password is managed by the federation's identity provider; change it there.");
                case GraphFailureKind.BadRequest:
                case GraphFailureKind.UnsupportedQuery:
                    return (ErrorIds.GraphBadRequest, ErrorCategory.InvalidArgument, "Graph refused the request as written; check the values and the OData syntax.");
                case GraphFailureKind.Authentication:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "The token is missing, expired or not for this Graph endpoint; run Connect-AadGraph again.");
                case GraphFailureKind.PermissionDenied:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, PermissionAdvice);
                case GraphFailureKind.NotFound:
                    return (ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, "Check the userPrincipalName or object id; Get-AadUser -Filter finds users.");
                case GraphFailureKind.Throttled:
                    return (ErrorIds.Throttled, ErrorCategory.LimitsExceeded, "Graph throttled the requests after the SDK's retries; wait and run the remaining users again.");
                case GraphFailureKind.Unavailable:
                    return (ErrorIds.GraphUnavailable, ErrorCategory.ResourceUnavailable, "Graph is unavailable; try again later.");
                default:
                    return (ErrorIds.GraphRequestFailed, ErrorCategory.NotSpecified, "See Graph's message and quote the request-id to Microsoft support.");
            }
        }
    }
}
