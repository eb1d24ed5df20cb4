using System;
using System.Management.Automation;
using System.Security;
using PasswordReset.Graph;
using PasswordReset.Passwords;
using PasswordReset.Resets;
using PasswordReset.Users;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Resets Entra ID users' passwords, as the admin center's Reset password button does — one user or tens of thousands.</para>
    /// <para type="description">Users are named by -UserPrincipalName or -Id (lists allowed), or piped in: strings, Get-AadUser
    /// objects, CSV rows with a UserPrincipalName, UPN, Id, ObjectId or UserId column (header case and surrounding spaces do
    /// not matter), Get-MgUser and Get-EntraUser objects, hashtables. An input that names no user, $null included, gets an
    /// InvalidUserIdentity error targeting that input, and the pipeline goes on.</para>
    /// <para type="description">For each user: looks the user up (GET /v1.0/users/{key}) unless a Get-AadUser object was
    /// piped in, then sends PATCH /v1.0/users/{object id} with a passwordProfile holding the password,
    /// forceChangePasswordNextSignIn (-ForceChangePasswordNextSignIn) and forceChangePasswordNextSignInWithMfa
    /// (-ForceChangePasswordNextSignInWithMfa), all sent explicitly; Graph answers 204. Without -NewPassword a temporary
    /// password of -PasswordLength characters is generated (cryptographically random, Entra policy compliant, no easily
    /// misread characters) and returned in TemporaryPassword. Emits one PasswordReset.PasswordResetResult per reset. Asks for confirmation unless -Force
    /// or -Confirm:$false. When a record has both Id and UserPrincipalName, the immutable Id is used.</para>
    /// <para type="description">Requests are sent in JSON batches (POST /v1.0/$batch, -BatchSize per batch, -ThrottleLimit
    /// batches in flight), paced by what Graph answers (x-ms-throttle-limit-percentage, 429 Retry-After) and retried with
    /// the same password when an answer is throttled, fails or is lost, so the password emitted is always the one Graph
    /// holds. Results are written as they complete: OUTPUT ORDER MAY DIFFER FROM INPUT ORDER (match on Id or
    /// UserPrincipalName). A user named twice in one run is reset once; the later input gets a DuplicateInput error.</para>
    /// <para type="description">Errors per user are non-terminating and name the step that failed (lookup or reset):
    /// UserNotFound, PermissionDenied, PasswordRejected, InvalidUserIdentity, ExternalUserPasswordNotManaged,
    /// ResetOutcomeUnknown (retries ran out and Graph may have applied the password: reset that user again). A -NewPassword
    /// that breaks the policy is a terminating NewPasswordNotCompliant error before anything is sent; a 401 ends the run.</para>
    /// <para type="description">Stopping (Ctrl+C, Stop-Job, PowerShell.Stop()): no new request is sent, the batches in flight
    /// are awaited briefly, and every reset Graph accepted that could no longer be written as output is printed on the console
    /// host (user, id, temporary password) and is in the journal. Hosted runspaces and jobs have no console host: use
    /// -JournalPath for unattended, hosted or very large runs, and -Resume to continue after a stop or a crash.</para>
    /// </summary>
    /// <remarks>
    /// <para>Permissions (Microsoft Graph, PATCH /users/{id} with passwordProfile): User-PasswordProfile.ReadWrite.All,
    /// delegated or application (Directory.ReadWrite.All, and delegated Directory.AccessAsUser.All, allow it too), and
    /// User.Read.All for the lookups. Connect-AadGraph asks for both by default. When the token grants none of these
    /// reset permissions, or lists directory roles none of which may reset passwords, the cmdlet stops with
    /// PasswordResetPermissionMissing before sending anything.</para>
    /// <para>Roles: a signed-in admin also needs a directory role that may reset the target: Helpdesk or Password
    /// Administrator for users without an admin role, User Administrator for most users, Privileged Authentication
    /// Administrator for anyone, Global Administrators included. An app (app-only) needs at least the User Administrator
    /// role assigned to its service principal.</para>
    /// <para>Graph answers 403 Authorization_RequestDenied both for a missing permission and for a role that may not
    /// reset that user; the PermissionDenied error names both causes. Every target is still tried, and a warning at the
    /// end counts the refusals.</para>
    /// <para>Not possible here: B2B guests (reset them in their home tenant), users of federated domains (change the
    /// password at the identity provider), and users synced from on-premises AD while password writeback is off.</para>
    /// </remarks>
    /// <input type="System.String">A userPrincipalName, or an object id (braces and upper case accepted).</input>
    /// <input type="PasswordReset.AadUser">A user from Get-AadUser: reset by its object id, without a lookup.</input>
    /// <input type="Microsoft.Graph.PowerShell.Models.IMicrosoftGraphUser">A user from Get-MgUser (Microsoft Graph PowerShell SDK): reset by its Id.</input>
    /// <input type="System.Management.Automation.PSObject">Any record with a UserPrincipalName, UPN, Id, ObjectId or UserId
    /// property: CSV rows from Import-Csv (column names match ignoring case and white space; an empty cell counts as
    /// absent), Get-EntraUser objects, objects of other tools. When a record has an id, the id is used.</input>
    /// <input type="System.Collections.Hashtable">A hashtable with one of those keys.</input>
    /// <output type="PasswordReset.PasswordResetResult">One per user reset, as resets complete (the order may differ from the
    /// input order): Id, UserPrincipalName, DisplayName, TemporaryPassword (empty with -NewPassword),
    /// ForceChangePasswordNextSignIn, ForceChangePasswordNextSignInWithMfa, ResetTime (UTC), RequestId and
    /// OnPremisesSyncEnabled.</output>
    /// <example>
    /// <code>Reset-AadUserPassword -UserPrincipalName adele@contoso.com</code>
    /// <para>Asks for confirmation, then resets Adele's password to a generated temporary password that she must change at
    /// next sign-in, and shows it.</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All | Reset-AadUserPassword -Force | Export-Csv reset.csv</code>
    /// <para>Resets every Sales user without asking and keeps the temporary passwords in reset.csv for hand-over. Keep that
    /// file safe and delete it afterwards.</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All | Reset-AadUserPassword -WhatIf</code>
    /// <para>Lists the users the command above would reset, without resetting anyone.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | Reset-AadUserPassword -ForceChangePasswordNextSignInWithMfa -Force -JournalPath reset.journal | Export-Csv reset.csv</code>
    /// <para>Resets the users named in a CSV file with a UserPrincipalName or Id column, keeping a journal; they must
    /// complete MFA before changing the password.</para>
    /// <para>If the run is stopped or the machine dies, the same command with -Resume finishes it: users already reset are
    /// not reset again, and users whose answer never came are sent the same password again.</para>
    /// </example>
    /// <example>
    /// <code>Reset-AadUserPassword -Id 6e7b768e-07e2-4810-8459-485f84f8f204 -NewPassword (Read-Host -AsSecureString) -ForceChangePasswordNextSignIn:$false -Force</code>
    /// <para>Sets a password of your choosing, typed at the prompt and checked against the Entra policy before anything is
    /// sent; the user keeps it after sign-in.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Reset, "AadUserPassword", DefaultParameterSetName = IdentitySet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PasswordResetResult))]
    public sealed class ResetAadUserPasswordCommand : AadCmdlet
    {
        private const string IdentitySet = "Identity";
        private const string InputObjectSet = "InputObject";

        /// <summary>
        /// One or more userPrincipalNames (guests: x_y.com#EXT#@tenant). A GUID given here is taken as an object id.
        /// Pipeline input goes to -InputObject.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = IdentitySet)]
        [Alias("UPN")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [IdentityValue]
        [ArgumentCompleter(typeof(UserPrincipalNameCompleter))]
        public string?[]? UserPrincipalName { get; set; }

        /// <summary>
        /// One or more object ids; braces and upper case are accepted. With a single -UserPrincipalName, names one user by
        /// id (a warning follows when Graph's userPrincipalName differs); lists of both at once are a ParameterConflict.
        /// </summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [Alias("ObjectId", "UserId")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [IdentityValue]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>
        /// Users from the pipeline (or given directly, one or a list): strings (userPrincipalNames or object ids),
        /// Get-AadUser objects (no lookup is needed), and any record with a UserPrincipalName, UPN, Id, ObjectId or
        /// UserId property or key — CSV rows (header names match ignoring case and surrounding spaces), Get-MgUser and
        /// Get-EntraUser objects, hashtables. An input that names no user, $null included, gets an InvalidUserIdentity
        /// error with the input as its target object, and the pipeline goes on.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [AllowNull, AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>The password to set instead of a generated one; checked against the Entra policy before anything is sent.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? NewPassword { get; set; }

        /// <summary>Length of a generated password, 8–256 characters. Cannot be used with -NewPassword.</summary>
        [Parameter]
        [ValidateRange(EntraPasswordPolicy.MinimumLength, EntraPasswordPolicy.MaximumLength)]
        public int PasswordLength { get; set; } = TemporaryPasswordGenerator.DefaultLength;

        /// <summary>Whether the user must change the password at next sign-in.</summary>
        [Parameter]
        public bool ForceChangePasswordNextSignIn { get; set; } = true;

        /// <summary>The user must complete MFA before changing the password at next sign-in. Cannot be used with -ForceChangePasswordNextSignIn $false.</summary>
        [Parameter]
        public SwitchParameter ForceChangePasswordNextSignInWithMfa { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf is still honoured).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Requests per JSON batch (POST /v1.0/$batch), 1–20 (20 is Graph's maximum). Each inner request counts against Graph's limits on its own.</summary>
        [Parameter]
        [ValidateRange(1, 20)]
        public int BatchSize { get; set; } = 20;

        /// <summary>
        /// Batches in flight at once, 1–64. The module slows down by itself when Graph signals load
        /// (x-ms-throttle-limit-percentage, 429 Retry-After), so this is a ceiling, not a rate.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Seconds one batch may wait for Graph's answer before it is sent again (with the same passwords), 1–600.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>
        /// A journal file (JSON lines) that records, before each request is sent, the user and the generated password about to
        /// be sent, and after it the outcome. Besides the output it is the one place a temporary password is written; it is
        /// created readable by its owner only: keep it safe and delete it after hand-over. Use it for unattended, hosted or
        /// very large runs; after a stop or a crash run the same command again with -Resume.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>
        /// Continues the run recorded in -JournalPath: users the journal records as reset are not reset again (their results
        /// are emitted from the journal), and users who were sent a password without a recorded answer are sent that same
        /// password again, so every user ends with one known password.
        /// </summary>
        [Parameter]
        public SwitchParameter Resume { get; set; }

        private ResetRun? _run;
        private ResetJournal? _journal;
        private RunPump? _pump;
        private long _index;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            GraphConnection connection = RequireConnection();
            var password = new PasswordResetOptions
            {
                PasswordLength = PasswordLength,
                ForceChangePasswordNextSignIn = ForceChangePasswordNextSignIn,
                ForceChangePasswordNextSignInWithMfa = ForceChangePasswordNextSignInWithMfa.IsPresent,
            };

            if (NewPassword != null && MyInvocation.BoundParameters.ContainsKey(nameof(PasswordLength)))
            {
                ThrowParameterConflict("-PasswordLength applies to generated passwords; it cannot be used with -NewPassword.");
            }

            if (ForceChangePasswordNextSignInWithMfa.IsPresent && !ForceChangePasswordNextSignIn)
            {
                ThrowParameterConflict("-ForceChangePasswordNextSignInWithMfa asks for MFA before the forced change at next sign-in; it cannot be used with -ForceChangePasswordNextSignIn $false.");
            }

            if (IdentityInputs.Conflict(UserPrincipalName, Id) is string conflict)
            {
                ThrowParameterConflict(conflict);
            }

            if (Resume.IsPresent && JournalPath is null)
            {
                ThrowTerminatingError(ErrorRecordFactory.ParameterConflict("-Resume continues the run recorded in a journal; give its -JournalPath.",
                    "Add -JournalPath with the journal of the run to continue."));
            }

            if (NewPassword != null)
            {
                string text = SecureText.Reveal(NewPassword);
                var violations = EntraPasswordPolicy.Validate(text);
                if (violations.Count > 0)
                {
                    ThrowTerminatingError(ErrorRecordFactory.NewPasswordNotCompliant(violations));
                }

                password.NewPassword = text;
            }

            if (ResetPermissionCheck.WhyNoResetCanSucceed(connection.Context) is string refusal)
            {
                ThrowTerminatingError(ErrorRecordFactory.NoResetPermission(refusal));
            }

            var options = new ResetRunOptions
            {
                Password = password,
                BatchSize = BatchSize,
                ThrottleLimit = ThrottleLimit,
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                // Enough users in flight to keep every batch slot full with lookups and resets at once.
                MaxUsersInFlight = BatchSize * ThrottleLimit * 2,
                TenantId = connection.Context.TenantId,
            };

            if (JournalPath != null && WhatIfRequested)
            {
                WriteVerbose($"-WhatIf: the journal '{JournalPath}' is neither created nor read.");
            }
            else if (JournalPath != null)
            {
                try
                {
                    _journal = ResetJournal.Open(GetUnresolvedProviderPathFromPSPath(JournalPath), Resume.IsPresent, options.TenantId);
                }
                catch (JournalException ex)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Journal(ex, JournalPath));
                }

                WriteVerbose($"Journal '{_journal!.Path}': {_journal.Previous.Count} users known from an earlier run.");
            }
            else if (!HasConsoleHost)
            {
                WriteVerbose("This run has no console host (a hosted runspace or a job): if it is stopped, resets Graph already accepted can only be handed over through a journal. Use -JournalPath for unattended and hosted runs.");
            }

            _run = ResetRun.Start(connection, options, _journal);
            _pump = new RunPump(this, _run, _journal, "Resetting passwords");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var users = ParameterSetName == InputObjectSet ? IdentityInputs.FromInputObject(InputObject) : IdentityInputs.FromParameters(UserPrincipalName, Id);
            foreach (NamedUser user in users) Submit(user);
        }

        private void Submit(NamedUser user)
        {
            if (user.Error != null)
            {
                WriteError(ErrorRecordFactory.InvalidIdentity(user.Error, user.Target));
                return;
            }

            // ResetInput keeps a Get-AadUser object only when it has an id; any other input is looked up, and the prompt
            // names the key really used.
            var input = new ResetInput(_index, user.Reference!, user.Known, user.Target ?? string.Empty);
            if (!Confirmed(input.KnownUser is null ? user.Reference!.Describe() : user.Reference!.ToString())) return;

            _index++;
            _pump!.Submit(input);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _pump?.Finish();

        /// <inheritdoc />
        protected override void OnStopping() => _pump?.OnStopping();

        /// <inheritdoc />
        protected override void OnDisposing()
        {
            // A run that did not finish — stopped while the pipeline thread was elsewhere (e.g. upstream), or ended by another
            // command's failure — still hands over every reset Graph accepted; then the journal is closed.
            _pump?.SalvageIfUnfinished();
            _run?.Dispose();
            _journal?.Dispose();
        }

        private bool HasConsoleHost => string.Equals(Host?.Name, "ConsoleHost", StringComparison.Ordinal);

        private void ThrowParameterConflict(string message) =>
            ThrowTerminatingError(ErrorRecordFactory.ParameterConflict(message));

        private bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        // ConfirmImpact is High, so ShouldProcess asks by default; -Force skips the question but not -WhatIf or -Confirm.
        private bool Confirmed(string target)
        {
            bool whatIf = WhatIfRequested;
            bool confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out object? c) && ((SwitchParameter)c).IsPresent;
            if (Force.IsPresent && !whatIf && !confirm) return true;
            try
            {
                return ShouldProcess(target, "Reset password");
            }
            catch (Exception ex) when (ex is System.Management.Automation.Host.HostException || ex is NullReferenceException || ex is PSInvalidOperationException)
            {
                // The host cannot prompt (-NonInteractive, or its input is at end of file, where ConsoleHost's prompt fails
                // with a NullReferenceException): say what to do instead of a bare host exception.
                ThrowTerminatingError(ErrorRecordFactory.ConfirmationUnavailable(ex, target, MyInvocation.MyCommand.Name));
                return false;
            }
        }
    }
}
