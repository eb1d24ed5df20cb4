<#
.SYNOPSIS
Benchmarks resets against the local Graph emulator and prints figures (no pass/fail).

.DESCRIPTION
Needs a built module and emulator (dotnet pwsh ./build.ps1). Starts the emulator with -Users synthetic users and
times, in one run so the ratios are comparable on a noisy machine:
  - Get-AadUser -All (listing only),
  - Get-AadUser -All | Reset-AadUserPassword -Force   (PATCH only: the objects carry the id),
  - UPN strings | Reset-AadUserPassword -Force          (GET lookup + PATCH per user).

.EXAMPLE
dotnet pwsh ./bench/Measure-Reset.ps1 -Users 2000
#>
param([int] $Users = 1000)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
Import-Module (Join-Path $root 'tests/EmulatorControl.psm1')
Import-Module (Join-Path $root 'out/PasswordReset/PasswordReset.psd1')
$emulator = Start-GraphEmulator -EmulatorDll (Join-Path $root 'out/GraphEmulator/GraphEmulator.dll') -ArgumentList '--synthetic', $Users
try {
    Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $emulator) -GraphEndpoint $emulator.BaseUri
    $filter = "startswith(userPrincipalName,'synthetic')"
    $null = Get-AadUser -Filter $filter -Top 50 | Reset-AadUserPassword -Force   # warm-up (JIT, connection pool)

    $list = Measure-Command { $script:all = @(Get-AadUser -Filter $filter -All -PageSize 999) }
    $piped = Measure-Command { $null = $all | Reset-AadUserPassword -Force }
    $upns = $all.UserPrincipalName
    $strings = Measure-Command { $null = $upns | Reset-AadUserPassword -Force }

    $n = $all.Count
    '{0,-48} {1,8} users {2,9:N0} ms {3,9:N0} users/s' -f 'Get-AadUser -All', $n, $list.TotalMilliseconds, ($n / $list.TotalSeconds)
    '{0,-48} {1,8} users {2,9:N0} ms {3,9:N0} users/s' -f 'Get-AadUser objects | Reset (PATCH only)', $n, $piped.TotalMilliseconds, ($n / $piped.TotalSeconds)
    '{0,-48} {1,8} users {2,9:N0} ms {3,9:N0} users/s' -f 'UPN strings | Reset (GET + PATCH)', $n, $strings.TotalMilliseconds, ($n / $strings.TotalSeconds)
    'ratio strings/objects: {0:N2}' -f ($strings.TotalMilliseconds / $piped.TotalMilliseconds)
}
finally {
    Disconnect-AadGraph
    Stop-GraphEmulator -Emulator $emulator
}
