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

function Invoke-WithoutHost {
    <#
    Runs -Script (text; -ArgumentList binds to its param block) in a new runspace that has no host, with the built module
    imported and connected to -Emulator, and returns its output. What PowerShell shows only through a host — -WhatIf's
    "What if:" lines, the lines a stopped run hands to the admin — goes nowhere there instead of into the test output.
    Errors the script does not catch are thrown here.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)][string] $Script, [object[]] $ArgumentList = @(), [hashtable] $Claims = @{})
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $ps = [powershell]::Create($runspace)
    try {
        $null = $ps.AddScript('param($Manifest, $Token, $Endpoint) Import-Module $Manifest; Connect-AadGraph -AccessToken $Token -GraphEndpoint $Endpoint -WarningAction SilentlyContinue').
            AddArgument($ModuleManifest).AddArgument((New-EmulatorToken -Emulator $Emulator -Claims $Claims)).AddArgument($Emulator.BaseUri)
        $null = $ps.AddStatement().AddScript($Script)
        foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
        $output = $ps.Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
        $output
    }
    finally {
        $ps.Dispose()
        $runspace.Dispose()
    }
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS Runs `pwsh -NoProfile -NonInteractive -File` in a fresh process without colour codes, bounded by -TimeoutSeconds
    (killed and thrown after it); secrets travel in -Environment, never on the command line. Returns ExitCode, Stdout, Stderr
    and Lines (stdout then stderr, split).
    #>
    param(
        [Parameter(Mandatory)][string] $File, [string[]] $Arguments = @(), [string] $WorkingDirectory,
        [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120)
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $File) + $Arguments) { $start.ArgumentList.Add($a) }
    $start.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string]$Environment[$name] }
    if ($WorkingDirectory) { $start.WorkingDirectory = $WorkingDirectory }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { $process.Kill($true); throw "pwsh -File $File did not end within $TimeoutSeconds s." }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode; Stdout = $stdout.Result; Stderr = $stderr.Result
            Lines = @(($stdout.Result + $stderr.Result) -split '\r?\n')
        }
    }
    finally { $process.Dispose() }
}
