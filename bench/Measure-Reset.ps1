#Requires -Version 7.4
<#
.SYNOPSIS
Runs the four benchmarks of issue 7 against the local Graph emulator and prints one table of figures (no pass/fail
exit code: figures only, never a timed assertion in a test).

.DESCRIPTION
Needs a built module and emulator: `dotnet pwsh ./build.ps1`. Each benchmark starts its own emulator with the settings
it needs (contract checks off) and stops it:
  1. Benchmarks/1-Throughput.ps1  1,000 users, 200 ± 50 ms latency, no quota: a serial PATCH loop vs
                                  Import-Csv | Reset-AadUserPassword and Get-AadUser -All | Reset-AadUserPassword.
  2. Benchmarks/2-Quota.ps1       10,000 users past the write quota at time scale 5 (3,000-write burst, then 100/s),
                                  same latency: sustained rate after the burst, 429s, failures, time vs the minimum.
  3. Benchmarks/3-Listing.ps1     Get-AadUser -All over 2,500 and 100,000 users in fresh child processes: time to
                                  first object, total, peak working set.
  4. Benchmarks/4-Startup.ps1     a fresh process's Import-Module + Connect-AadGraph + first reset vs bare pwsh.
Ratios are given where they make sense, since a shared machine is noisy. Progress lines and diagnostics (the
dispatcher's closing -Debug summary, the emulator's throttling counters) go to the host while it runs; the table and
the machine come last. Takes about 3 minutes on 2 cores (-Quick: about 1).

.PARAMETER Quick
Smaller sizes for a smoke run: 200 users (sample 20, one run) for 1, 4,000 users for 2, 2,500 vs 20,000 for 3, 3 runs
for 4. Its figures for 2 say little: 1,000 writes after the burst are mostly spent from what the bucket refilled during it.

.PARAMETER Only
Runs only these benchmarks (1–4), e.g. -Only 2 while investigating pacing.

.PARAMETER LatencyMs
Latency per Graph request in benchmarks 1 and 2 (default 200), with -JitterMs (default 50) of uniform jitter.

.EXAMPLE
dotnet pwsh ./build.ps1; dotnet pwsh ./bench/Measure-Reset.ps1

.EXAMPLE
dotnet pwsh ./bench/Measure-Reset.ps1 -Quick -Only 1,4
#>
[CmdletBinding()]
param(
    [switch] $Quick,
    # Strings, so that `-Only 1,4` also works from a shell's `pwsh -File` (where it arrives as one word).
    [ValidatePattern('^[1-4](,[1-4])*$')][string[]] $Only = @('1', '2', '3', '4'),
    [ValidateRange(0, 10000)][int] $LatencyMs = 200,
    [ValidateRange(0, 10000)][int] $JitterMs = 50
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Progress bars would only slow the host and clutter captured output; the module's progress is tested elsewhere.
$ProgressPreference = 'SilentlyContinue'

$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$module = Join-Path $root 'out/PasswordReset/PasswordReset.psd1'
if (-not (Test-Path $module)) { throw "No built module at ${module}: run 'dotnet pwsh ./build.ps1' first." }
Import-Module (Join-Path $root 'tests/EmulatorControl.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1')
Import-Module $module

$machine = Get-BenchMachine
$sizes = if ($Quick) {
    @{ 1 = @{ Users = 200; Sample = 20; Repeat = 1 }; 2 = @{ Users = 4000 }; 3 = @{ SmallUsers = 2500; LargeUsers = 20000; FirstRuns = 1 }; 4 = @{ Runs = 3 } }
} else {
    @{ 1 = @{ Users = 1000; Sample = 50; Repeat = 3 }; 2 = @{ Users = 10000 }; 3 = @{ SmallUsers = 2500; LargeUsers = 100000 }; 4 = @{ Runs = 5 } }
}
$scripts = @{ 1 = '1-Throughput.ps1'; 2 = '2-Quota.ps1'; 3 = '3-Listing.ps1'; 4 = '4-Startup.ps1' }

$started = [System.Diagnostics.Stopwatch]::StartNew()
$rows = foreach ($n in ($Only -split ',' | ForEach-Object { [int]$_ } | Sort-Object -Unique)) {
    Write-Host "Benchmark $n ($($scripts[$n]))" -ForegroundColor Cyan
    $arguments = $sizes[$n].Clone()
    if ($n -in 1, 2) { $arguments.LatencyMs = $LatencyMs; $arguments.JitterMs = $JitterMs }
    & (Join-Path $PSScriptRoot "Benchmarks/$($scripts[$n])") -Root $root @arguments
}
$started.Stop()

''
"Machine: $(Format-BenchMachine $machine)"
"Run: $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC, $(if ($Quick) { '-Quick' } else { 'full size' }), latency $LatencyMs ± $JitterMs ms per Graph request in 1–2, none in 3–4, $([math]::Round($started.Elapsed.TotalMinutes, 1)) min"
''
Format-BenchTable -Rows @($rows)
