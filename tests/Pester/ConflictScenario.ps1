# Run by Isolation.Tests.ps1 in a fresh pwsh: another module's versions of our dependencies and PasswordReset in one
# process, in the order given. Signs in with a client secret (so Azure.Identity and MSAL load too), resets one user, and
# writes what it saw to -ResultPath as JSON: every assembly with its version, load context and file, and for each
# reset a SHA-256 of the temporary password (never the password itself). The client secret comes in PASSWORDRESET_CONFLICT_SECRET.
param(
    [Parameter(Mandatory)][ValidateSet('OthersFirst', 'ModuleFirst')][string] $Order,
    [Parameter(Mandatory)][string] $ModuleManifest,
    [Parameter(Mandatory)][string] $ConflictFolder,
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string] $TenantId,
    [Parameter(Mandatory)][string] $ClientId,
    [Parameter(Mandatory)][string] $UserPrincipalName,
    [Parameter(Mandatory)][string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$secret = ConvertTo-SecureString $env:PASSWORDRESET_CONFLICT_SECRET -AsPlainText -Force
$env:PASSWORDRESET_CONFLICT_SECRET = $null

function Use-OtherVersions {
    # As another module would: load them into the default context and use them (which pulls in their own dependencies).
    foreach ($name in 'Azure.Core', 'Azure.Identity', 'Microsoft.Identity.Client', 'Microsoft.Graph.Core') {
        Add-Type -LiteralPath (Join-Path $ConflictFolder "$name.dll")
    }
    $null = [Azure.Core.AccessToken]::new('not-a-token', [DateTimeOffset]::MaxValue)
    $null = [Azure.Identity.ClientSecretCredential]::new($TenantId, $ClientId, 'not-a-secret')
    $null = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create($ClientId).WithClientSecret('not-a-secret').Build()
    $null = [Microsoft.Graph.GraphClientFactory]::CreateDefaultHandlers($null)
    # What a script names resolves to these default-context copies.
    [ordered]@{
        AzureCore = [Azure.Core.AccessToken].Assembly.GetName().Version.ToString()
        AzureIdentity = [Azure.Identity.ClientSecretCredential].Assembly.GetName().Version.ToString()
        Msal = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder].Assembly.GetName().Version.ToString()
        GraphCore = [Microsoft.Graph.GraphClientFactory].Assembly.GetName().Version.ToString()
    }
}

function Connect-Module {
    Import-Module $ModuleManifest
    Connect-AadGraph -GraphEndpoint $BaseUri -AuthorityHost $BaseUri -TenantId $TenantId -ClientSecretCredential ([pscredential]::new($ClientId, $secret)) -WarningAction SilentlyContinue
}

function Reset-OneUser {
    $result = Reset-AadUserPassword -UserPrincipalName $UserPrincipalName -Force
    [ordered]@{
        IsResultType = $result -is [PasswordReset.PasswordResetResult]
        ContextIsNameable = (Get-AadGraphContext) -is [PasswordReset.AadGraphContext]
        UserPrincipalName = $result.UserPrincipalName
        PasswordSha256 = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($result.TemporaryPassword)))
    }
}

if ($Order -eq 'OthersFirst') {
    $named = Use-OtherVersions
    Connect-Module
    $resets = @(Reset-OneUser)
}
else {
    # Reset, then let the other versions in, then reset again: the module keeps working beside them.
    Connect-Module
    $first = Reset-OneUser
    $named = Use-OtherVersions
    $resets = @($first, (Reset-OneUser))
}

$assemblies = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
    [ordered]@{
        Name = $assembly.GetName().Name
        Version = "$($assembly.GetName().Version)"
        Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
        Location = $assembly.Location
    }
}
[ordered]@{ Order = $Order; Resets = $resets; Named = $named; Assemblies = @($assemblies) } |
    ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath
