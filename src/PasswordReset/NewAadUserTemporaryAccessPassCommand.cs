using System;
using System.Management.Automation;
using PasswordReset.AccessPasses;
using PasswordReset.Graph;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Issues Temporary Access Passes to Entra ID users — a time-limited code to hand over, for passwordless users or onboarding — one user or tens of thousands.</para>
    /// <para type="description">Users are named as for Reset-AadUserPassword: -UserPrincipalName or -Id (lists allowed), or
    /// piped in: strings, Get-AadUser objects, CSV rows with a UserPrincipalName, UPN, Id, ObjectId or UserId column,
    /// Get-MgUser and Get-EntraUser objects, hashtables. An input that names no user gets an InvalidUserIdentity error, and
    /// the pipeline goes on.</para>
    /// <para type="description">For each user: looks the user up (GET /v1.0/users/{key}) unless a Get-AadUser object was
    /// piped in, then sends POST /v1.0/users/{object id}/authentication/temporaryAccessPassMethods with only what was asked
    /// for: lifetimeInMinutes (-LifetimeInMinutes), isUsableOnce (-IsUsableOnce) and startDateTime (-StartDateTime); what
    /// is not given is not sent, and the tenant's Temporary Access Pass policy decides it (its default lifetime, whether a
    /// pass is one-time). Graph answers 201 with the pass, and its code only then: it is returned in TemporaryAccessPass, a
    /// secret exactly like a temporary password (in the result object and nowhere else). Emits one
    /// PasswordReset.TemporaryAccessPassResult per user. Asks for confirmation unless -Force or -Confirm:$false.</para>
    /// <para type="description">A USER HAS ONE PASS: A NEW PASS REPLACES THE ONE THE USER HAS, which stops working at once,
    /// whether it was handed over or not (nothing is read first to find out). Requests are sent in JSON batches (-BatchSize,
    /// -ThrottleLimit), paced by what Graph answers, and a create whose answer was lost is sent again: the pass it creates
    /// replaces any pass the lost answer made, so the code written is the one in force. Results are written as they
    /// complete, so the output order may differ from the input order; a user named twice gets one pass, the later input a
    /// DuplicateInput error.</para>
    /// <para type="description">Errors per user are non-terminating: AccessPassPolicyRefused (the tenant's policy is
    /// disabled, does not include the user, or allows one-time passes only), AccessPassLifetimeRefused (the lifetime is
    /// outside the policy's minimum and maximum: Graph's answer), PermissionDenied (the role may not give that user a
    /// pass), ExternalUserAccessPassNotAllowed (a B2B guest, refused before the create is sent), UserNotFound, and
    /// AccessPassOutcomeUnknown when the retries ran out after the request may have reached Graph: a pass may exist, its
    /// code unknown — issue one again. Stopping (Ctrl+C): no new request is sent, and every pass Graph created that could
    /// no longer be written is printed on the console host with its code.</para>
    /// </summary>
    /// <remarks>
    /// <para>Permissions (Microsoft Graph, POST /users/{id}/authentication/temporaryAccessPassMethods):
    /// UserAuthenticationMethod.ReadWrite.All, delegated or application, and User.Read.All for the lookups.
    /// Connect-AadGraph does not ask for it by default: sign in with -Scopes User.Read.All, UserAuthenticationMethod.ReadWrite.All
    /// (or grant the application permission). When the token grants no such permission — or lists directory roles none of
    /// which may issue passes — the cmdlet stops with AccessPassPermissionMissing before sending anything.</para>
    /// <para>Roles (a signed-in admin): Authentication Administrator for users without an admin role, Privileged
    /// Authentication Administrator or Global Administrator for admins too; nobody may issue a pass for their own account. A
    /// 403 for one user is that user's PermissionDenied error; every target is still tried, and a warning at the end counts
    /// the refusals.</para>
    /// <para>The tenant's Temporary Access Pass policy (Entra admin center, Authentication methods) must be enabled and
    /// include the users; only they can sign in with a pass. Reading the policy needs another permission
    /// (Policy.Read.All), so the module checks only Graph's own range of 10 to 43,200 minutes locally.</para>
    /// </remarks>
    /// <input type="System.String">A userPrincipalName, or an object id (braces and upper case accepted).</input>
    /// <input type="PasswordReset.AadUser">A user from Get-AadUser: given a pass by its object id, without a lookup.</input>
    /// <input type="Microsoft.Graph.PowerShell.Models.IMicrosoftGraphUser">A user from Get-MgUser (Microsoft Graph PowerShell SDK): given a pass by its Id.</input>
    /// <input type="System.Management.Automation.PSObject">Any record with a UserPrincipalName, UPN, Id, ObjectId or UserId
    /// property: CSV rows from Import-Csv (column names match ignoring case and white space; an empty cell counts as
    /// absent), Get-EntraUser objects, objects of other tools. When a record has an id, the id is used.</input>
    /// <input type="System.Collections.Hashtable">A hashtable with one of those keys.</input>
    /// <output type="PasswordReset.TemporaryAccessPassResult">One per user Graph created a pass for, as creates complete: Id,
    /// UserPrincipalName, DisplayName, TemporaryAccessPass (the code), StartDateTime and ExpiresAt (UTC), LifetimeInMinutes,
    /// IsUsableOnce, MethodId and RequestId.</output>
    /// <example>
    /// <code>New-AadUserTemporaryAccessPass -UserPrincipalName adele@contoso.com</code>
    /// <para>Asks for confirmation (a new pass replaces any pass Adele has), then creates a pass usable at once for the
    /// policy's default lifetime, and shows its code.</para>
    /// </example>
    /// <example>
    /// <code>New-AadUserTemporaryAccessPass -UserPrincipalName megan@contoso.com -LifetimeInMinutes 480 -IsUsableOnce -Force</code>
    /// <para>Gives Megan a one-time pass valid for 8 hours, without asking.</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All | New-AadUserTemporaryAccessPass -StartDateTime (Get-Date).Date.AddDays(1).AddHours(8) -Force | Export-Csv passes.csv</code>
    /// <para>Gives every Sales user a pass usable from 8:00 tomorrow (local time) and keeps the codes in passes.csv for
    /// hand-over. Keep that file safe and delete it afterwards.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | New-AadUserTemporaryAccessPass -WhatIf</code>
    /// <para>Lists the users of a CSV file who would get a pass, without creating any.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "AadUserTemporaryAccessPass", DefaultParameterSetName = IdentitySet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TemporaryAccessPassResult))]
    public sealed class NewAadUserTemporaryAccessPassCommand : UserRunCmdlet
    {
        /// <summary>
        /// How long the pass is valid, in minutes, from its start: 10 to 43,200 (30 days). Not given: not sent, and the tenant
        /// policy's default lifetime applies. Graph refuses a lifetime outside the policy's own minimum and maximum
        /// (AccessPassLifetimeRefused).
        /// </summary>
        /// <value>The policy's default lifetime</value>
        [Parameter]
        [ValidateRange(AccessPassOptions.MinimumLifetimeInMinutes, AccessPassOptions.MaximumLifetimeInMinutes)]
        public int? LifetimeInMinutes { get; set; }

        /// <summary>
        /// -IsUsableOnce: the pass can be used for one sign-in only; -IsUsableOnce:$false: again and again within its lifetime
        /// (only if the policy allows it). Not given: not sent, and the policy decides.
        /// </summary>
        [Parameter]
        public SwitchParameter IsUsableOnce { get; set; }

        /// <summary>
        /// When the pass becomes usable (a local time unless it says otherwise; sent in UTC). Not given: usable as soon as it
        /// is created.
        /// </summary>
        /// <value>At once</value>
        [Parameter]
        public DateTime? StartDateTime { get; set; }

        /// <inheritdoc />
        protected override string Action => "Create a Temporary Access Pass (it replaces any pass the user has)";

        /// <inheritdoc />
        private protected override RunReport Report { get; } = new AccessPassReport();

        /// <inheritdoc />
        private protected override UserOperation PrepareRun(GraphConnection connection)
        {
            if (TokenPermissions.WhyNot(connection.Context, "a Temporary Access Pass", TokenPermissions.AccessPassPermissions, TokenPermissions.AccessPassRoles,
                "may issue Temporary Access Passes (" + TokenPermissions.AccessPassRoleNames + ")") is string refusal)
            {
                ThrowTerminatingError(ErrorRecordFactory.NoAccessPassPermission(refusal));
            }

            var options = new AccessPassOptions
            {
                LifetimeInMinutes = LifetimeInMinutes,
                // Absent means absent: the policy decides, and only an explicit -IsUsableOnce[:$false] is sent.
                IsUsableOnce = MyInvocation.BoundParameters.ContainsKey(nameof(IsUsableOnce)) ? IsUsableOnce.IsPresent : (bool?)null,
                // An unspecified kind is local time, as PowerShell's own date parameters read it.
                StartDateTime = StartDateTime is DateTime start ? new DateTimeOffset(start.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(start, DateTimeKind.Local) : start) : (DateTimeOffset?)null,
            };
            // A past start would replace the user's working pass with one that is already expired; a start at the end of time
            // has no representable expiry. Both are refused before anything is sent (a few minutes of clock skew allowed).
            if (options.StartDateTime is DateTimeOffset from)
            {
                if (from < DateTimeOffset.UtcNow.AddMinutes(-5))
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidAccessPassStart($"-StartDateTime {from:u} is in the past: the new pass would replace the user's pass and be expired already. Nothing was sent.", from));
                }

                if (from > DateTimeOffset.UtcNow.AddYears(100))
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidAccessPassStart($"-StartDateTime {from:u} is more than 100 years ahead. Nothing was sent.", from));
                }
            }

            return new CreateAccessPassOperation(options);
        }
    }
}
