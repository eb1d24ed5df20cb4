<#
.SYNOPSIS
Benchmark 3 (issue 7): Get-AadUser -All over a small and a large tenant — time to first object, total time, and peak
working set of the pwsh process doing the listing.

.DESCRIPTION
For each size (-SmallUsers, -LargeUsers synthetic users besides the sample tenant's own), an emulator without latency
(the module's own cost is measured, not the network's; contract checks off), and two fresh child pwsh processes:
`Get-AadUser -All -PageSize 999 | Select-Object -First 1` (time to first object, median of -FirstRuns) and
`Get-AadUser -All -PageSize 999 | Measure-Object` (total time and peak working set; nothing is kept). Returns table rows.
#>
param(
    [Parameter(Mandatory)][string] $Root,
    [int] $SmallUsers = 2500,
    [int] $LargeUsers = 100000,
    [int] $PageSize = 999,
    [int] $FirstRuns = 3
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $Root 'out/PasswordReset/PasswordReset.psd1'
$child = Join-Path $PSScriptRoot '../Child/List-AadUsers.ps1'
$figures = foreach ($size in $SmallUsers, $LargeUsers) {
    $emulator = Start-BenchEmulator -Root $Root -ArgumentList '--synthetic', $size
    try {
        Write-Host "  3: Get-AadUser -All -PageSize $PageSize over $size synthetic users (fresh pwsh per measure)"
        # The emulator's own first request (its JIT) is not the module's cost.
        $null = Invoke-RestMethod -Uri "$($emulator.BaseUri)/v1.0/users?`$top=999" -Headers @{ Authorization = "Bearer $($emulator.Token)" }
        $first = Get-Median -Values @(1..$FirstRuns | ForEach-Object {
                (Invoke-BenchChild -File $child -ArgumentList '-ModulePath', $module, '-GraphEndpoint', $emulator.BaseUri, '-Mode', 'First', '-PageSize', $PageSize -Token $emulator.Token).Result.ms
            })
        $all = Invoke-BenchChild -File $child -ArgumentList '-ModulePath', $module, '-GraphEndpoint', $emulator.BaseUri, '-Mode', 'All', '-PageSize', $PageSize -Token $emulator.Token
        Write-Host ("  3: {0} users listed in {1:N0} ms; peak working set {2:N0} MB after import+connect, {3:N0} MB after the listing" -f
            $all.Result.count, $all.Result.ms, $all.Result.peakBeforeMB, $all.Result.peakMB)
        [pscustomobject]@{ Size = $size; Count = $all.Result.count; FirstMs = $first; TotalMs = $all.Result.ms; PeakMB = $all.Result.peakMB }
    }
    finally {
        Stop-GraphEmulator -Emulator $emulator
    }
}
$small, $large = $figures
$growth = $large.PeakMB - $small.PeakMB
$label = { param($f) Format-Number $f.Count 0 }
$sizes = '{0} / {1} users' -f (& $label $small), (& $label $large)
@(
    New-BenchRow '3a' "Get-AadUser -All -PageSize $PageSize | Select -First 1: time to first object, median of $FirstRuns ($sizes)" (
        '{0} ms / {1} ms' -f (Format-Number $small.FirstMs 0), (Format-Number $large.FirstMs 0)) ''
    New-BenchRow '3b' "Get-AadUser -All -PageSize $PageSize | Measure-Object: total ($sizes)" (
        '{0} s / {1} s ({2} users/s)' -f (Format-Number ($small.TotalMs / 1000) 2), (Format-Number ($large.TotalMs / 1000) 2),
        (Format-Number ($large.Count / ($large.TotalMs / 1000)) 0)) ''
    New-BenchRow '3c' "peak working set of that pwsh process ($sizes)" (
        '{0} MB / {1} MB = +{2} MB' -f (Format-Number $small.PeakMB 0), (Format-Number $large.PeakMB 0), (Format-Number $growth 0)) '< +150 MB' ($growth -lt 150)
)
