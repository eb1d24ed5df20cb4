# Benchmark 3's child: in a fresh pwsh, imports the module, connects, then either takes the first user of
# Get-AadUser -All (time to first object) or counts every user with Measure-Object (nothing kept). Prints one JSON line:
# {count, ms, peakBeforeMB (after import and connect), peakMB (peak working set of this process)}.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $GraphEndpoint,
    [ValidateSet('First', 'All')][string] $Mode = 'All',
    [int] $PageSize = 999
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
Connect-AadGraph -AccessToken (ConvertTo-SecureString $env:BENCH_TOKEN -AsPlainText -Force) -GraphEndpoint $GraphEndpoint
$before = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$count = if ($Mode -eq 'First') {
    @(Get-AadUser -All -PageSize $PageSize | Select-Object -First 1).Count
} else {
    (Get-AadUser -All -PageSize $PageSize | Measure-Object).Count
}
$ms = $watch.Elapsed.TotalMilliseconds
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[pscustomobject]@{ count = $count; ms = $ms; peakBeforeMB = $before / 1MB; peakMB = $peak / 1MB } | ConvertTo-Json -Compress
