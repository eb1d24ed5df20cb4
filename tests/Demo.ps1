# The demo that build.ps1 Demo runs in a fresh pwsh against a running emulator:
# connect, reset the Finance department's passwords, show them, and confirm each against the emulator.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorUri
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'EmulatorControl.psm1')
$emulator = [pscustomobject]@{ BaseUri = $EmulatorUri }

Write-Host "`nConnect-AadGraph -AccessToken <token from the emulator> -GraphEndpoint $EmulatorUri" -ForegroundColor Cyan
Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $emulator) -GraphEndpoint $EmulatorUri

Write-Host "`nGet-AadUser -Filter `"department eq 'Finance'`" | Reset-AadUserPassword -Force" -ForegroundColor Cyan
$results = @(Get-AadUser -Filter "department eq 'Finance'" | Reset-AadUserPassword -Force)
$results | Format-Table -AutoSize | Out-Host

Write-Host 'Checking each temporary password against what the emulator stored:' -ForegroundColor Cyan
$failures = 0
foreach ($result in $results) {
    $stored = Get-EmulatorUser -Emulator $emulator -Key $result.Id
    $ok = $stored.passwordProfile.password -ceq $result.TemporaryPassword -and $stored.passwordProfile.forceChangePasswordNextSignIn
    if (-not $ok) { $failures++ }
    Write-Host ("  {0,-45} {1}" -f $result.UserPrincipalName, $(if ($ok) { 'stored, must change at next sign-in' } else { 'MISMATCH' }))
}
Disconnect-AadGraph
if ($failures -gt 0 -or $results.Count -eq 0) { Write-Host 'Demo failed.' -ForegroundColor Red; exit 1 }
Write-Host "`nDemo passed: $($results.Count) passwords reset and confirmed." -ForegroundColor Green
