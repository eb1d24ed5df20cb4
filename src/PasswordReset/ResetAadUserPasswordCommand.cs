using System;
using System.Management.Automation;
using System.Security;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Passwords;
using PasswordReset.Users;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Resets Entra ID users' passwords, as the admin center's Reset password button does.</para>
    /// <para type="description">For each user: looks the user up (GET /v1.0/users/{key}) unless a Get-AadUser object was
    /// piped in, then sends PATCH /v1.0/users/{object id} with a passwordProfile holding the password,
    /// forceChangePasswordNextSignIn (default true) and forceChangePasswordNextSignInWithMfa (default false), all sent
    /// explicitly; Graph answers 204. Without -NewPassword a 16-character temporary password is generated
    /// (cryptographically random, Entra policy compliant, no easily misread characters) and returned in
    /// TemporaryPassword. Emits one PasswordReset.PasswordResetResult per reset. Asks for confirmation unless -Force
    /// or -Confirm:$false. When a record has both Id and UserPrincipalName, the immutable Id is used.
    /// Errors per user are non-terminating (UserNotFound, PermissionDenied, PasswordRejected, InvalidUserIdentity, ...);
    /// a -NewPassword that breaks the policy is a terminating NewPasswordNotCompliant error before anything is sent.</para>
    /// </summary>
    /// <example>
    /// <code>Reset-AadUserPassword -UserPrincipalName adele@contoso.com</code>
    /// <para>Asks for confirmation, then resets Adele's password to a generated 16-character temporary password that she must change at next sign-in, and shows it.</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All | Reset-AadUserPassword -Force | Export-Csv reset.csv</code>
    /// <para>Resets every Sales user without asking and keeps the temporary passwords for hand-over.</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | Reset-AadUserPassword -ForceChangePasswordNextSignInWithMfa -Force</code>
    /// <para>Resets the users named in a CSV with a UserPrincipalName or Id column; they must complete MFA before changing the password.</para>
    /// </example>
    /// <example>
    /// <code>Reset-AadUserPassword -Id 6e7b768e-07e2-4810-8459-485f84f8f204 -NewPassword (Read-Host -AsSecureString) -ForceChangePasswordNextSignIn:$false -Force</code>
    /// <para>Sets a password of your choosing, checked against the Entra policy first; the user keeps it after sign-in.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Reset, "AadUserPassword", DefaultParameterSetName = IdentitySet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PasswordResetResult))]
    public sealed class ResetAadUserPasswordCommand : AadCmdlet
    {
        private const string IdentitySet = "Identity";
        private const string InputObjectSet = "InputObject";

        /// <summary>The user's userPrincipalName; from the pipeline by value (strings) or by property name (CSV rows).</summary>
        [Parameter(Position = 0, ParameterSetName = IdentitySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UPN")]
        [IdentityValue]
        public string? UserPrincipalName { get; set; }

        /// <summary>The user's object id; from the pipeline by property name. Preferred over the UPN when both are given.</summary>
        [Parameter(ParameterSetName = IdentitySet, ValueFromPipelineByPropertyName = true)]
        [Alias("ObjectId", "UserId")]
        [IdentityValue]
        public string? Id { get; set; }

        /// <summary>A user from Get-AadUser (no lookup is needed).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public AadUser InputObject { get; set; } = null!;

        /// <summary>The password to set instead of a generated one; checked against the Entra policy before anything is sent.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? NewPassword { get; set; }

        /// <summary>Length of a generated password, 8–256; default 16.</summary>
        [Parameter]
        [ValidateRange(EntraPasswordPolicy.MinimumLength, EntraPasswordPolicy.MaximumLength)]
        public int PasswordLength { get; set; } = TemporaryPasswordGenerator.DefaultLength;

        /// <summary>Whether the user must change the password at next sign-in; default $true.</summary>
        [Parameter]
        public bool ForceChangePasswordNextSignIn { get; set; } = true;

        /// <summary>The user must complete MFA before changing the password at next sign-in.</summary>
        [Parameter]
        public SwitchParameter ForceChangePasswordNextSignInWithMfa { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf is still honoured).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        // Fail fast: when 5 users got 403 before any reset succeeded, the caller simply lacks the permission or role;
        // one terminating error beats ten thousand identical ones. Other failures (404, guests) neither count nor reset it.
        private const int FailFastAfter = 5;

        private PasswordResetService _service = null!;
        private PasswordResetOptions _options = null!;
        private int _forbiddenBeforeSuccess;
        private bool _anySuccess;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _service = new PasswordResetService(RequireConnection(), new TemporaryPasswordGenerator());
            _options = new PasswordResetOptions
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

            if (NewPassword != null)
            {
                string password = SecureText.Reveal(NewPassword);
                var violations = EntraPasswordPolicy.Validate(password);
                if (violations.Count > 0)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(
                        new ArgumentException("The -NewPassword does not meet the Entra ID password policy: " + string.Join("; ", violations) + ". Nothing was sent to Graph."),
                        ErrorIds.NewPasswordNotCompliant, ErrorCategory.InvalidArgument, null,
                        "Choose a password of 8-256 characters with at least 3 of: lowercase, uppercase, digits, symbols; or omit -NewPassword to generate one."));
                }

                _options.NewPassword = password;
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            AadUser? known = ParameterSetName == InputObjectSet ? InputObject : null;
            object target = (object?)known ?? UserPrincipalName ?? Id ?? string.Empty;

            UserReference reference;
            try
            {
                reference = known != null ? UserReference.Create(known.Id, known.UserPrincipalName) : UserReference.Create(Id, UserPrincipalName);
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecordFactory.InvalidIdentity(ex, target));
                return;
            }

            // A Get-AadUser object without an id (hand-made) is looked up like any other input.
            if (known != null && string.IsNullOrEmpty(known.Id)) known = null;

            if (!Confirmed(known != null ? reference.ToString() : reference.Describe())) return;

            PasswordResetResult result;
            try
            {
                WriteVerbose($"Resetting the password of '{reference.Describe()}'.");
                result = Await(_service.ResetAsync(reference, known, _options, CancellationToken));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (PasswordResetRefusedException ex)
            {
                WriteError(ErrorRecordFactory.ExternalUser(ex, target));
                return;
            }
            catch (GraphRequestException ex)
            {
                ReportFailure(ex, target);
                return;
            }

            _anySuccess = true;
            Report(result, reference);
        }

        private void Report(PasswordResetResult result, UserReference reference)
        {
            try
            {
                WriteVerbose($"Reset the password of '{result.UserPrincipalName}' ({result.Id}); request-id {result.RequestId}.");
                if (reference.Id != null && reference.UserPrincipalName != null &&
                    !string.Equals(reference.UserPrincipalName, result.UserPrincipalName, StringComparison.OrdinalIgnoreCase))
                {
                    WriteWarning($"The input named '{reference.UserPrincipalName}' but object id {reference.Id} belongs to '{result.UserPrincipalName}'; " +
                        "the immutable object id was used.");
                }

                if (result.OnPremisesSyncEnabled)
                {
                    WriteWarning($"'{result.UserPrincipalName}' is synced from on-premises Active Directory: the new password is written back on-premises through password writeback.");
                }

                WriteObject(result);
            }
            catch (PipelineStoppedException)
            {
                // Graph accepted this reset but the pipeline is stopping (Ctrl+C), so the object can no longer be written.
                // The host is the one channel left; without this the admin would never learn the new password.
                Host.UI.WriteLine(
                    $"Stopped after Graph had accepted the password reset of '{result.UserPrincipalName}' ({result.Id}) at {result.ResetTime:u}" +
                    (result.TemporaryPassword is null ? "." : $"; its temporary password is: {result.TemporaryPassword}"));
                throw;
            }
        }

        private void ReportFailure(GraphRequestException ex, object target)
        {
            ErrorRecord record = ErrorRecordFactory.FromGraph(ex, target);
            if (ex.Kind == GraphFailureKind.Authentication)
            {
                // 401: the token is gone or not valid for Graph; no other user can succeed either.
                ThrowTerminatingError(record);
            }

            if (ex.Kind == GraphFailureKind.PermissionDenied && !_anySuccess) _forbiddenBeforeSuccess++;
            if (!_anySuccess && ex.Kind == GraphFailureKind.PermissionDenied && _forbiddenBeforeSuccess == FailFastAfter)
            {
                WriteError(record);
                ThrowTerminatingError(ErrorRecordFactory.Create(
                    new UnauthorizedAccessException(
                        $"{FailFastAfter} users failed with 403 Authorization_RequestDenied before any reset succeeded, so the signed-in account or app " +
                        "lacks what a password reset needs; stopping. " + ErrorRecordFactory.PermissionAdvice, ex),
                    ErrorIds.PasswordResetPermissionMissing, ErrorCategory.PermissionDenied, null,
                    "Grant User-PasswordProfile.ReadWrite.All and an admin role that may reset these users, then connect again."));
            }

            WriteError(record);
        }

        private void ThrowParameterConflict(string message) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(new ArgumentException(message), ErrorIds.ParameterConflict, ErrorCategory.InvalidArgument, null,
                "Remove one of the two parameters."));

        // ConfirmImpact is High, so ShouldProcess asks by default; -Force skips the question but not -WhatIf or -Confirm.
        private bool Confirmed(string target)
        {
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            bool confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out object? c) && ((SwitchParameter)c).IsPresent;
            if (Force.IsPresent && !whatIf && !confirm) return true;
            return ShouldProcess(target, "Reset password");
        }
    }
}
