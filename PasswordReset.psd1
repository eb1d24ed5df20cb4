@{
    # The one place the version is written. Directory.Build.props reads this line (and PSData.Prerelease, for a preview)
    # into every assembly's AssemblyVersion, FileVersion and InformationalVersion; build.ps1 Package names the versioned
    # folder and the .nupkg after it.
    ModuleVersion        = '0.1.0'
    GUID                 = '1e2f0514-6efd-4c4a-8bce-da54197e1fc6'
    RootModule           = 'PasswordReset.dll'
    Author               = 'PasswordReset contributors'
    CompanyName          = 'PasswordReset contributors'
    Copyright            = '(c) PasswordReset contributors. MIT License.'
    Description          = 'Resets Entra ID (Azure AD) user passwords through Microsoft Graph, as the Entra admin center does: a strong temporary password, shown to the admin, that the user must change at next sign-in. One user or ten thousand (batched, paced by Graph''s throttling signals, resumable from a journal); for a compromised account it revokes the sign-in sessions in the same run, and it issues Temporary Access Passes in bulk. Signs in with a browser, a device code, a client secret or certificate, a managed identity or an access token, in any national cloud. Its dependencies load in a private assembly load context, so it imports beside Az, Microsoft.Graph and ExchangeOnlineManagement.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PasswordReset.format.ps1xml')
    # Exactly the public cmdlets of PasswordReset.dll: Package.Tests.ps1 reads them from the assembly's [Cmdlet] types
    # and fails when one is missing here.
    CmdletsToExport      = @('Connect-AadGraph', 'Disconnect-AadGraph', 'Get-AadGraphContext', 'Get-AadUser', 'Reset-AadUserPassword',
                            'Revoke-AadUserSignInSession', 'New-AadUserTemporaryAccessPass')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('EntraID', 'AzureAD', 'MicrosoftGraph', 'Graph', 'Password', 'PasswordReset', 'Identity',
                'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            LicenseUri   = 'https://opensource.org/license/mit'
            # ProjectUri: none yet; the project has no public address (README, "Packaging").
            ReleaseNotes = @'
0.1.0 - first release.
- Connect-AadGraph (interactive browser, device code, client secret, certificate, managed identity, environment, an
  access token; national clouds), Get-AadGraphContext, Disconnect-AadGraph.
- Get-AadUser: by UPN or id, -Filter, -Search, -Property, -All and -Top.
- Reset-AadUserPassword: generated temporary passwords that must be changed at next sign-in, or the admin's own;
  bulk runs through Graph $batch, paced by Graph's throttling signals; -JournalPath and -Resume.
- Compromised accounts: Reset-AadUserPassword -RevokeSessions (reset, then revoke the sign-in sessions; partial success
  kept), Revoke-AadUserSignInSession; New-AadUserTemporaryAccessPass issues Temporary Access Passes in bulk.
- Dependencies isolated in a private assembly load context; help with executed examples; tab completion of users and
  properties.
'@
        }
    }
}
