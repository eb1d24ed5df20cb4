@{
    # The one place the module version lives: build.ps1 passes it to dotnet (-p:Version) for the assemblies.
    ModuleVersion        = '0.1.0'
    GUID                 = '1e2f0514-6efd-4c4a-8bce-da54197e1fc6'
    RootModule           = 'PasswordReset.dll'
    Author               = 'PasswordReset contributors'
    CompanyName          = 'PasswordReset contributors'
    Copyright            = '(c) PasswordReset contributors. MIT License.'
    Description          = 'Resets Entra ID (Azure AD) user passwords through Microsoft Graph, as the Entra admin center does: a strong temporary password, shown to the admin, that the user must change at next sign-in. Also revokes sign-in sessions (compromised accounts) and issues Temporary Access Passes, in bulk.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PasswordReset.format.ps1xml')
    CmdletsToExport      = @('Connect-AadGraph', 'Disconnect-AadGraph', 'Get-AadGraphContext', 'Get-AadUser', 'Reset-AadUserPassword',
                            'Revoke-AadUserSignInSession', 'New-AadUserTemporaryAccessPass')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('EntraID', 'AzureAD', 'MicrosoftGraph', 'Password', 'Reset', 'Identity')
        }
    }
}
