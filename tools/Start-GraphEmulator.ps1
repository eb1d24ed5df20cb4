#Requires -Version 7.4
<#
.SYNOPSIS
Starts the local Graph emulator for a rehearsal and prints the lines to paste into PowerShell.

.DESCRIPTION
Starts the built Graph emulator in the background on http://127.0.0.1 (a free port unless -Port), serving Microsoft's
Graph Explorer sample tenant (M365x214355.onmicrosoft.com: AdeleV, MeganB, AlexW, ...), waits until it answers
/_emulator/health (at most -TimeoutSeconds), and prints:
  - Import-Module for the built module (or by name, when none is found beside this script),
  - the Connect-AadGraph line to paste into any PowerShell 7.4+ session,
  - Stop-Process for the emulator.
The emulator keeps running after this script returns, until it is stopped; its output goes to a log file. On Linux
and macOS it runs in a session of its own (setsid, where it exists), so Ctrl+C in the shell does not stop it.

The emulator speaks plain http: the module accepts http for loopback addresses only, and -AccessToken involves no
identity provider, so nothing needs a certificate authority trusted by the shell (HTTPS would: SSL_CERT_FILE set
before pwsh starts, or the test CA in the user's trust store).

The printed Connect-AadGraph line asks the emulator's /_emulator/tokens for a token when pasted, so no token is
printed; the token is signed by this emulator, is good for nothing else, and lasts an hour (paste the line again).

Finds GraphEmulator.dll beside this script (out/GraphEmulator, where the build copies it) or in
../out/GraphEmulator (this script in tools/ of the repository). Needs the .NET 10 runtime (dotnet on PATH).

.PARAMETER Port
TCP port on 127.0.0.1; 0 (default) lets the system pick a free one.

.PARAMETER ArgumentList
More emulator options, e.g. '--synthetic', '5000' or '--faults', '429=0.05' (tools/GraphEmulator/README.md).

.PARAMETER TimeoutSeconds
How long to wait for the emulator to answer (default 60); then it is stopped and the script fails with its log.

.PARAMETER PassThru
Also writes an object: ProcessId, BaseUri, ConnectCommand, ImportCommand, StopCommand, LogPath.

.EXAMPLE
dotnet pwsh ./tools/Start-GraphEmulator.ps1

.EXAMPLE
./out/GraphEmulator/Start-GraphEmulator.ps1 -Port 5080 -ArgumentList '--synthetic', '5000'
#>
[CmdletBinding()]
param(
    [ValidateRange(0, 65535)][int] $Port = 0,
    [string[]] $ArgumentList = @(),
    [ValidateRange(1, 600)][int] $TimeoutSeconds = 60,
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Find-First([string[]] $Candidates) {
    foreach ($candidate in $Candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return (Resolve-Path -LiteralPath $candidate).ProviderPath }
    }
    $null
}

function Get-Quoted([string] $Text) {
    # A single-quoted PowerShell literal, safe to paste whatever the path holds.
    "'" + ($Text -replace "'", "''") + "'"
}

function Start-Detached([string] $Dotnet, [string[]] $Arguments, [string] $LogFolder) {
    $log = Join-Path $LogFolder 'emulator.log'
    if ($IsWindows) {
        # Start-Process hands the files to the new process itself on Windows, and a hidden window is a console of its
        # own: the emulator outlives this script and ignores Ctrl+C in the admin's console.
        $quoted = $Arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }
        $process = Start-Process -FilePath $Dotnet -ArgumentList $quoted -RedirectStandardOutput $log `
            -RedirectStandardError (Join-Path $LogFolder 'emulator.err.log') -WindowStyle Hidden -PassThru
        return [pscustomobject]@{ Id = $process.Id; Logs = @($log, (Join-Path $LogFolder 'emulator.err.log')) }
    }
    # Elsewhere Start-Process would copy the output through this pwsh, and the emulator's writes would fail once it
    # exits: sh starts it in the background with its output in the log file instead, and prints its process id.
    $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
    $info.ArgumentList.Add('-c')
    $info.ArgumentList.Add('log=$1; shift; "$@" </dev/null >"$log" 2>&1 & echo $!')
    $info.ArgumentList.Add('start-graph-emulator')
    $info.ArgumentList.Add($log)
    # A session of its own: Ctrl+C and a closed terminal reach the shell's processes, not the emulator. The
    # background child of sh leads no process group, so setsid does not fork and the printed id is the emulator's.
    $setsid = Get-Command setsid -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($setsid) { $info.ArgumentList.Add($setsid.Source) }
    $info.ArgumentList.Add($Dotnet)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $shell = [System.Diagnostics.Process]::Start($info)
    try {
        $id = $shell.StandardOutput.ReadToEnd().Trim()
        if (-not $shell.WaitForExit(10000) -or $id -notmatch '^\d+$') { throw "Could not start the Graph emulator through /bin/sh (got '$id')." }
    }
    finally { $shell.Dispose() }
    [pscustomobject]@{ Id = [int]$id; Logs = @($log) }
}

function Stop-Emulator([int] $Id) {
    Get-Process -Id $Id -ErrorAction Ignore | Stop-Process -Force -ErrorAction Ignore
}

function Read-Log($Started) {
    ($Started.Logs | ForEach-Object { Get-Content -LiteralPath $_ -Raw -ErrorAction Ignore }) -join "`n"
}

$emulatorDll = Find-First @(
    (Join-Path $PSScriptRoot 'GraphEmulator.dll'),
    (Join-Path $PSScriptRoot '../out/GraphEmulator/GraphEmulator.dll'))
if (-not $emulatorDll) {
    throw "No built Graph emulator beside this script or in $(Join-Path $PSScriptRoot '../out/GraphEmulator'): run 'dotnet pwsh ./build.ps1' first."
}
$dotnet = Get-Command dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
if (-not $dotnet) { throw 'The Graph emulator needs the .NET 10 runtime: dotnet was not found on PATH.' }

$logFolder = (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "graph-emulator-$([guid]::NewGuid().ToString('n').Substring(0, 8))")).FullName
$started = Start-Detached $dotnet.Source (@($emulatorDll, '--port', "$Port") + $ArgumentList) $logFolder
$deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
$baseUri = $null
$users = $null
try {
    # The emulator prints one line with its address once it listens; then /_emulator/health must answer.
    while ($true) {
        if (-not (Get-Process -Id $started.Id -ErrorAction Ignore)) {
            throw "The Graph emulator stopped during start-up:`n$(Read-Log $started)"
        }
        if (-not $baseUri) {
            $line = Get-Content -LiteralPath $started.Logs[0] -ErrorAction Ignore | Select-String -Pattern '^Graph emulator listening on (http://127\.0\.0\.1:\d+)' | Select-Object -First 1
            if ($line) { $baseUri = $line.Matches[0].Groups[1].Value }
        }
        if ($baseUri) {
            try {
                $users = (Invoke-RestMethod -Uri "$baseUri/_emulator/health" -TimeoutSec 5).users
                break
            }
            catch { Write-Verbose "Not answering yet: $($_.Exception.Message)" }
        }
        if ([DateTime]::UtcNow -ge $deadline) {
            throw "The Graph emulator did not answer $(if ($baseUri) { "$baseUri/_emulator/health" } else { 'with its address' }) within $TimeoutSeconds s:`n$(Read-Log $started)"
        }
        Start-Sleep -Milliseconds 200
    }
}
catch {
    Stop-Emulator $started.Id
    throw
}

$module = Find-First @(
    (Join-Path $PSScriptRoot '../PasswordReset/PasswordReset.psd1'),
    (Join-Path $PSScriptRoot '../out/PasswordReset/PasswordReset.psd1'))
$importCommand = if ($module) { "Import-Module $(Get-Quoted $module)" } else { 'Import-Module PasswordReset' }
# An app token with every permission the module's cmdlets use (reset, revoke sessions, Temporary Access Pass) and the
# Privileged Authentication Administrator role, so every README example can be rehearsed with one connection.
$tokenBody = '{"roles":["User.Read.All","User-PasswordProfile.ReadWrite.All","User.RevokeSessions.All","UserAuthenticationMethod.ReadWrite.All"],"wids":["7be44c8a-adaf-4e2a-84d6-ab2649e08a13"]}'
$connectCommand = "Connect-AadGraph -GraphEndpoint $baseUri -AccessToken (ConvertTo-SecureString -AsPlainText -Force (Invoke-RestMethod -Method Post -Uri $baseUri/_emulator/tokens -ContentType application/json -Body '$tokenBody').access_token)"
$stopCommand = "Stop-Process -Id $($started.Id)"
$sampleTenant = -not ($ArgumentList | Where-Object { $_ -match '^--(users|domain)\b' })

Write-Host "Graph emulator on $baseUri ($users users), process $($started.Id); log: $($started.Logs[0])"
Write-Host ''
Write-Host 'Paste into PowerShell 7.4+ (the token is minted by this emulator when pasted, is good for nothing else and lasts an hour):'
Write-Host $importCommand
Write-Host $connectCommand
if ($sampleTenant) {
    Write-Host ''
    Write-Host "Then, for example: Reset-AadUserPassword -UserPrincipalName AdeleV@M365x214355.onmicrosoft.com -Force"
}
Write-Host ''
Write-Host "Stop the emulator: $stopCommand"

if ($PassThru) {
    [pscustomobject]@{
        ProcessId      = $started.Id
        BaseUri        = $baseUri
        ImportCommand  = $importCommand
        ConnectCommand = $connectCommand
        StopCommand    = $stopCommand
        LogPath        = $started.Logs[0]
    }
}
