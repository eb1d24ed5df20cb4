# Helpers shared by the benchmarks in bench/: the machine description, emulators started with a benchmark's settings,
# fresh child pwsh processes, medians, and the one table that Measure-Reset.ps1 prints. Never prints a token or password.

Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../tests/EmulatorControl.psm1')

function Get-BenchMachine {
    <# .SYNOPSIS What the figures were measured on: CPU, cores, memory, OS, .NET and pwsh versions, load at start. #>
    [CmdletBinding()]
    param()
    $cpu = $null
    if (Test-Path /proc/cpuinfo) {
        $cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value.Trim()
    }
    $memoryGb = [System.GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB
    $load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
    [pscustomobject]@{
        Cpu      = if ($cpu) { $cpu } else { 'unknown CPU' }
        Cores    = [Environment]::ProcessorCount
        MemoryGB = [math]::Round($memoryGb, 1)
        Os       = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Dotnet   = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        Pwsh     = $PSVersionTable.PSVersion.ToString()
        Load     = $load
    }
}

function Format-BenchMachine {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Machine)
    '{0} core(s) ({1}), {2} GB memory, {3}; {4}, PowerShell {5}; load average at start {6}' -f
        $Machine.Cores, $Machine.Cpu, $Machine.MemoryGB, $Machine.Os, $Machine.Dotnet, $Machine.Pwsh, $Machine.Load
}

function Start-BenchEmulator {
    <#
    .SYNOPSIS
    Starts the built emulator with a benchmark's command-line settings (contract checks always off: they cost more than
    serving a page) and returns the emulator object of tests/EmulatorControl.psm1 with a plain bearer token added.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Root, [string[]] $ArgumentList = @())
    $dll = Join-Path $Root 'out/GraphEmulator/GraphEmulator.dll'
    if (-not (Test-Path $dll)) { throw "No built emulator at ${dll}: run 'dotnet pwsh ./build.ps1' first." }
    $emulator = Start-GraphEmulator -EmulatorDll $dll -ArgumentList (@('--contract-checks', 'false') + $ArgumentList) -TimeoutSeconds 120
    # The serial loop and the child processes need the token as text; it stays in memory and in child environments only.
    $token = (Invoke-EmulatorControl -Emulator $emulator -Path 'tokens' -Method POST -Body @{}).access_token
    $emulator | Add-Member -NotePropertyName Token -NotePropertyValue $token -PassThru
}

function Invoke-BenchChild {
    <#
    .SYNOPSIS
    Runs a script in a fresh `dotnet pwsh -NoProfile -NonInteractive` and returns its wall time (ms) and its last output
    line parsed as JSON (null when the script prints none). The token goes through the environment, never the command line.
    #>
    [CmdletBinding()]
    param(
        [string] $File,
        [string[]] $ArgumentList = @(),
        [string] $Command,
        [string] $Token
    )
    $arguments = @('pwsh', '-NoProfile', '-NonInteractive')
    $arguments += if ($File) { @('-File', $File) + $ArgumentList } else { @('-Command', $Command) }
    $previous = $env:BENCH_TOKEN
    $env:BENCH_TOKEN = $Token
    try {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $output = & dotnet @arguments 2>&1
        $watch.Stop()
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed (exit $LASTEXITCODE): $($output -join "`n")" }
    }
    finally {
        $env:BENCH_TOKEN = $previous
    }
    $last = @($output | Where-Object { $_ -is [string] -and $_.TrimStart().StartsWith('{') }) | Select-Object -Last 1
    [pscustomobject]@{
        WallMs = $watch.Elapsed.TotalMilliseconds
        Result = if ($last) { $last | ConvertFrom-Json } else { $null }
    }
}

function Get-Median {
    [CmdletBinding()]
    param([Parameter(Mandatory)][double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function New-BenchRow {
    <#
    .SYNOPSIS
    One row of the table. -Met: $true / $false against -Target, $null where the row has no target (a baseline or detail).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Bench,  # the row's id, e.g. 1b
        [Parameter(Mandatory)][string] $Measure,
        [Parameter(Mandatory)][string] $Value,
        [string] $Target = '',
        [Nullable[bool]] $Met
    )
    [pscustomobject]@{
        Bench   = $Bench
        Measure = $Measure
        Value   = $Value
        Target  = $Target
        Met     = if ($null -eq $Met) { '' } elseif ($Met) { 'met' } else { '**missed**' }
    }
}

function Format-BenchTable {
    <# .SYNOPSIS The rows as one Markdown table (readable in a terminal, pasted as is into README.md). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object[]] $Rows)
    $columns = 'Bench', 'Measure', 'Value', 'Target', 'Met'
    $headers = '#', 'Measure', 'Value', 'Target', 'Met'
    $cell = { param($text) "$text" -replace '\|', '\|' }
    $widths = for ($i = 0; $i -lt $columns.Count; $i++) {
        @(@($Rows | ForEach-Object { (& $cell $_.($columns[$i])).Length }) + $headers[$i].Length | Measure-Object -Maximum)[0].Maximum
    }
    $line = { param($cells) '| ' + ((0..($cells.Count - 1) | ForEach-Object { "$($cells[$_])".PadRight($widths[$_]) }) -join ' | ') + ' |' }
    & $line $headers
    '|' + (($widths | ForEach-Object { '-' * ($_ + 2) }) -join '|') + '|'
    foreach ($row in $Rows) { & $line @($columns | ForEach-Object { & $cell $row.$_ }) }
}

function Format-Number {
    [CmdletBinding()]
    param([Parameter(Mandatory)][double] $Value, [int] $Decimals = 1)
    $Value.ToString("N$Decimals", [cultureinfo]::InvariantCulture)
}

Export-ModuleMember -Function Get-BenchMachine, Format-BenchMachine, Start-BenchEmulator, Invoke-BenchChild, Get-Median,
    New-BenchRow, Format-BenchTable, Format-Number
