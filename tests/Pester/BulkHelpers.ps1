# Dot-sourced by the bulk tests: child processes, journals and the emulator's password state, so each test reads as what
# it proves. Nothing here prints a password.

function Get-StoredPassword {
    <# .SYNOPSIS Every user's stored password state as a hashtable keyed by object id (GET /_emulator/passwords). #>
    param([Parameter(Mandatory)] $Emulator)
    $map = @{}
    foreach ($row in @(Invoke-EmulatorControl -Emulator $Emulator -Path 'passwords') | ForEach-Object { $_ }) { $map[$row.id] = $row }
    $map
}

function Get-ChangedPassword {
    <# .SYNOPSIS Users whose password Graph changed since the last reset of the emulator. #>
    param([Parameter(Mandatory)] $Emulator)
    @((Get-StoredPassword -Emulator $Emulator).Values | Where-Object { $_.changeCount -gt 0 })
}

function Read-ResetJournal {
    <# .SYNOPSIS The journal's lines as objects (a torn last line is skipped, as the module does). #>
    param([Parameter(Mandatory)][string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return @() }
    foreach ($line in Get-Content -LiteralPath $Path) {
        if (-not $line) { continue }
        try { $line | ConvertFrom-Json } catch { }
    }
}

function Get-JournalPassword {
    <# .SYNOPSIS Per user id, every password the journal says was sent (intent lines). #>
    param([Parameter(Mandatory)][string] $Path)
    $map = @{}
    foreach ($entry in Read-ResetJournal -Path $Path) {
        if ($entry.event -ne 'intent' -or -not $entry.password) { continue }
        if (-not $map.ContainsKey($entry.userId)) { $map[$entry.userId] = [System.Collections.Generic.List[string]]::new() }
        $map[$entry.userId].Add($entry.password)
    }
    $map
}

function Get-HostReportedPassword {
    <# .SYNOPSIS Per user id, the password the host text reported after a stop ("Stopped after Graph had accepted ..."). #>
    param([string] $Text)
    $map = @{}
    foreach ($m in [regex]::Matches("$Text", "accepted the password reset of '[^']*' \(([0-9a-f-]{36})\) at [^;]*; its temporary password is: (\S+)")) {
        $map[$m.Groups[1].Value] = $m.Groups[2].Value
    }
    $map
}

function Start-ModuleChild {
    <#
    .SYNOPSIS Starts `pwsh -NonInteractive -File` on a script with the module, endpoint and token given (the token in the environment, never on a command line); returns the process with its stdout/stderr read asynchronously.
    #>
    param([Parameter(Mandatory)][string] $Script, [Parameter(Mandatory)] $Emulator, [string[]] $Arguments = @(), [hashtable] $Claims = @{})
    $token = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body $Claims
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $Script, $ModuleManifest, $Emulator.BaseUri) + $Arguments) { $start.ArgumentList.Add($a) }
    $start.Environment['AADGRAPH_TEST_TOKEN'] = $token.access_token
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
}

function Wait-ForPatch {
    <# .SYNOPSIS Waits until the emulator has applied at least -Count password changes (bounded). #>
    param([Parameter(Mandatory)] $Emulator, [int] $Count, [int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (@(Get-ChangedPassword -Emulator $Emulator).Count -ge $Count) { return }
        Start-Sleep -Milliseconds 200
    }
    throw "Fewer than $Count passwords changed within $TimeoutSeconds s."
}

function Assert-EveryChangeReported {
    <#
    .SYNOPSIS Nothing lost: every password the emulator stored appears among the reported passwords of that user;
    and nothing invented: every reported result is the password the emulator holds for that user.
    #>
    param([Parameter(Mandatory)] $Emulator, [hashtable] $Results = @{}, [hashtable] $HostReported = @{}, [hashtable] $Journal = @{})
    $stored = Get-StoredPassword -Emulator $Emulator
    foreach ($user in @($stored.Values | Where-Object { $_.changeCount -gt 0 })) {
        $seen = @($Results[$user.id]) + @($HostReported[$user.id]) + @($Journal[$user.id]) | Where-Object { $_ }
        $seen | Should -Contain $user.password -Because "the password Graph applied to $($user.userPrincipalName) must reach the admin"
    }
    foreach ($id in @($Results.Keys) + @($HostReported.Keys)) {
        $password = if ($Results.ContainsKey($id)) { $Results[$id] } else { $HostReported[$id] }
        $stored[$id].password | Should -BeExactly $password -Because 'a reported password must be the one Graph holds'
    }
}
