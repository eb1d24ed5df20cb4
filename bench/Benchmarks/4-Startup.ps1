<#
.SYNOPSIS
Benchmark 4 (issue 7): a fresh process that imports the module, connects with -AccessToken and resets one user,
against a bare `pwsh -NoProfile -c exit`.

.DESCRIPTION
An emulator without latency (the module's cost is measured, not the network's). -Runs of each, alternated so that
noise hits both alike; the medians are compared. Both are started as `dotnet pwsh -NoProfile -NonInteractive`
(the repository's pinned pwsh tool), so the dotnet host's own start is in both. Returns table rows.
#>
param(
    [Parameter(Mandatory)][string] $Root,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $Root 'out/PasswordReset/PasswordReset.psd1'
$child = Join-Path $PSScriptRoot '../Child/First-Reset.ps1'
$emulator = Start-BenchEmulator -Root $Root -ArgumentList '--synthetic', 10
try {
    $domain = (@(Invoke-EmulatorControl -Emulator $emulator -Path 'tenants') | ForEach-Object { $_ } | Where-Object isDefault).domain
    $upn = "synthetic00001@$domain"
    Write-Host "  4: $Runs fresh processes each: bare pwsh, and Import-Module + Connect-AadGraph + first reset"
    $null = Invoke-BenchChild -Command 'exit'   # warm the file cache for both
    $null = Invoke-BenchChild -File $child -ArgumentList '-ModulePath', $module, '-GraphEndpoint', $emulator.BaseUri, '-UserPrincipalName', $upn -Token $emulator.Token
    $bare = @(); $first = @()
    for ($i = 0; $i -lt $Runs; $i++) {
        $bare += (Invoke-BenchChild -Command 'exit').WallMs
        $first += (Invoke-BenchChild -File $child -ArgumentList '-ModulePath', $module, '-GraphEndpoint', $emulator.BaseUri, '-UserPrincipalName', $upn -Token $emulator.Token).WallMs
    }
    $bareMs = Get-Median -Values $bare
    $firstMs = Get-Median -Values $first
    $extra = ($firstMs - $bareMs) / 1000
    Write-Host ("  4: bare {0} ms; module {1} ms" -f (($bare | ForEach-Object { '{0:N0}' -f $_ }) -join ', '), (($first | ForEach-Object { '{0:N0}' -f $_ }) -join ', '))
    @(
        New-BenchRow '4' "fresh process: Import-Module + Connect-AadGraph -AccessToken + first reset vs bare pwsh -NoProfile -c exit (median of $Runs)" (
            '{0} s vs {1} s = +{2} s' -f (Format-Number ($firstMs / 1000) 2), (Format-Number ($bareMs / 1000) 2), (Format-Number $extra 2)) '≤ +1 s' ($extra -le 1)
    )
}
finally {
    Stop-GraphEmulator -Emulator $emulator
}
