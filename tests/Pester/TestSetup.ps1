# Dot-sourced by every Pester file: paths to the built module and emulator, and the emulator helpers.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepoRoot 'out/PasswordReset/PasswordReset.psd1'
$script:EmulatorDll = Join-Path $RepoRoot 'out/GraphEmulator/GraphEmulator.dll'
Import-Module (Join-Path $RepoRoot 'tests/EmulatorControl.psm1') -Force
Import-Module $ModuleManifest -Force

# The sample tenant (shared/graph-contract/sample-tenant/users.json) users the tests name.
$script:Tenant = 'M365x214355.onmicrosoft.com'
$script:FinanceUpns = @(
    "MeganB@$Tenant", "PradeepG@$Tenant", "TaroY@$Tenant", "jnunez@$Tenant"
)

# Claims of an app token that may do everything the module does: read users, reset passwords, revoke sign-in sessions and
# issue Temporary Access Passes, as a Privileged Authentication Administrator (graph-facts.md §1, §9, §10).
$script:AllClaims = @{
    roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All', 'User.RevokeSessions.All', 'UserAuthenticationMethod.ReadWrite.All')
    wids  = @('7be44c8a-adaf-4e2a-84d6-ab2649e08a13')
}

function Connect-TestGraph {
    param([Parameter(Mandatory)] $Emulator, [hashtable] $Claims = @{})
    Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims $Claims) -GraphEndpoint $Emulator.BaseUri
}

function Assert-NoContractViolation {
    <# Fails when anything the emulator received or answered broke Microsoft's OpenAPI contract (users-v1.0.openapi.yaml). #>
    param([Parameter(Mandatory)] $Emulator)
    $violations = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'contract/violations') | ForEach-Object { $_ }
    if ($violations.Count -gt 0) {
        $text = ($violations | ForEach-Object { "$($_.method) $($_.path) [$($_.side)]: $($_.message)" }) -join "`n"
        throw "The emulator recorded $($violations.Count) contract violation(s):`n$text"
    }
}
