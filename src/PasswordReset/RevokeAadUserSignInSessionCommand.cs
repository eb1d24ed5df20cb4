using System.Management.Automation;
using PasswordReset.Graph;
using PasswordReset.Runs;
using PasswordReset.Sessions;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Revokes Entra ID users' sign-in sessions, so refresh tokens and session cookies issued before stop working — one user or tens of thousands.</para>
    /// <para type="description">Users are named as for Reset-AadUserPassword: -UserPrincipalName or -Id (lists allowed), or
    /// piped in: strings, Get-AadUser objects, CSV rows with a UserPrincipalName, UPN, Id, ObjectId or UserId column,
    /// Get-MgUser and Get-EntraUser objects, hashtables. An input that names no user gets an InvalidUserIdentity error, and
    /// the pipeline goes on.</para>
    /// <para type="description">For each user: looks the user up (GET /v1.0/users/{key}) unless a Get-AadUser object was
    /// piped in, then sends POST /v1.0/users/{object id}/revokeSignInSessions. Graph answers 200 with {"value": true} (its
    /// known issue: any 2xx is success) and resets the user's signInSessionsValidFromDateTime to now: refresh tokens and
    /// session cookies issued before stop working, which can take a few minutes; apps and browsers then ask the user to sign
    /// in again. The password does not change: to remedy a compromised account, use Reset-AadUserPassword -RevokeSessions,
    /// which does both. Emits one PasswordReset.SessionRevocationResult per user. Asks for confirmation unless -Force or
    /// -Confirm:$false.</para>
    /// <para type="description">External (B2B guest) accounts are refused before the revocation is sent (a Get-AadUser object: before any request)
    /// with ExternalUserSessionsNotManaged:
    /// they sign in through their home tenant, whose sessions Graph does not revoke here. Requests are sent in JSON batches
    /// (-BatchSize, -ThrottleLimit), paced by what Graph answers and retried when an answer is throttled, fails or is lost;
    /// results are written as they complete, so the output order may differ from the input order. A user named twice is
    /// revoked once; the later input gets a DuplicateInput error.</para>
    /// <para type="description">Errors per user are non-terminating and name the step that failed (lookup or revocation):
    /// UserNotFound, PermissionDenied, ExternalUserSessionsNotManaged, Throttled, GraphUnavailable. Revoking twice is
    /// harmless, so a user whose answer was lost can simply be run again. Stopping (Ctrl+C): no new request is sent, and
    /// every revocation Graph accepted that could no longer be written is printed on the console host.</para>
    /// </summary>
    /// <remarks>
    /// <para>Permissions (Microsoft Graph, POST /users/{id}/revokeSignInSessions): User.RevokeSessions.All, delegated or
    /// application (User.ReadWrite.All and Directory.ReadWrite.All allow it too), and User.Read.All for the lookups.
    /// Connect-AadGraph does not ask for User.RevokeSessions.All by default: sign in with
    /// -Scopes User.Read.All, User.RevokeSessions.All (or grant the application permission). When the token grants none of
    /// these, the cmdlet stops with SessionRevocationPermissionMissing before sending anything.</para>
    /// <para>Roles: Microsoft names no directory role for this call; in practice a signed-in admin needs one that may act on
    /// the target, as for a password reset (Helpdesk or Password Administrator: non-admins; User Administrator: most users;
    /// Privileged Authentication Administrator: anyone). A 403 for one user is that user's PermissionDenied error; every
    /// target is still tried, and a warning at the end counts the refusals.</para>
    /// </remarks>
    /// <input type="System.String">A userPrincipalName, or an object id (braces and upper case accepted).</input>
    /// <input type="PasswordReset.AadUser">A user from Get-AadUser: revoked by its object id, without a lookup.</input>
    /// <input type="Microsoft.Graph.PowerShell.Models.IMicrosoftGraphUser">A user from Get-MgUser (Microsoft Graph PowerShell SDK): revoked by its Id.</input>
    /// <input type="System.Management.Automation.PSObject">Any record with a UserPrincipalName, UPN, Id, ObjectId or UserId
    /// property: CSV rows from Import-Csv (column names match ignoring case and white space; an empty cell counts as
    /// absent), Get-EntraUser objects, objects of other tools. When a record has an id, the id is used.</input>
    /// <input type="System.Collections.Hashtable">A hashtable with one of those keys.</input>
    /// <output type="PasswordReset.SessionRevocationResult">One per user whose sessions Graph revoked, as revocations complete:
    /// Id, UserPrincipalName, DisplayName, SessionsRevoked (True), SessionsRevokedDateTime (UTC) and RequestId.</output>
    /// <example>
    /// <code>Revoke-AadUserSignInSession -UserPrincipalName adele@contoso.com</code>
    /// <para>Asks for confirmation, then revokes Adele's sign-in sessions: she must sign in again everywhere, with the
    /// password she has.</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All | Revoke-AadUserSignInSession -WhatIf</code>
    /// <para>Lists the users whose sessions would be revoked, without revoking anything.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | Revoke-AadUserSignInSession -Force | Export-Csv revoked.csv</code>
    /// <para>Revokes the sessions of the users named in a CSV file with a UserPrincipalName or Id column, without asking, and
    /// keeps the results.</para>
    /// </example>
    [Cmdlet(VerbsSecurity.Revoke, "AadUserSignInSession", DefaultParameterSetName = IdentitySet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SessionRevocationResult))]
    public sealed class RevokeAadUserSignInSessionCommand : UserRunCmdlet
    {
        /// <inheritdoc />
        protected override string Action => "Revoke sign-in sessions";

        /// <inheritdoc />
        private protected override RunReport Report { get; } = new RevokeReport();

        /// <inheritdoc />
        private protected override UserOperation PrepareRun(GraphConnection connection)
        {
            if (TokenPermissions.WhyNot(connection.Context, "revoking sign-in sessions", TokenPermissions.RevokeSessionsPermissions) is string refusal)
            {
                ThrowTerminatingError(ErrorRecordFactory.NoRevokePermission(refusal));
            }

            return new RevokeSessionsOperation();
        }
    }
}
