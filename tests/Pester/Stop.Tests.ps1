# Stopping or killing a bulk reset: every password Graph applied must still reach the admin — as output, on the console
# host, or in the journal — and no result may name a password Graph does not hold.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'BulkHelpers.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '3000'
    $script:Filter = "startswith(userPrincipalName,'synthetic')"

    # A child pwsh that lists the synthetic users and resets them, exporting results as they come.
    $script:BulkScript = Join-Path $TestDrive 'bulk.ps1'
    @'
param($Manifest, $Endpoint, $Csv, $Journal, [switch] $Resume, [int] $ThrottleLimit = 8, [switch] $RevokeSessions)
Import-Module $Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString $env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint $Endpoint
$extra = @{ ThrottleLimit = $ThrottleLimit }
if ($Journal) { $extra.JournalPath = $Journal }
if ($Resume) { $extra.Resume = $true }
if ($RevokeSessions) { $extra.RevokeSessions = $true }
Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999 | Reset-AadUserPassword -Force @extra | Export-Csv -LiteralPath $Csv
'@ | Set-Content -LiteralPath $BulkScript

    function Read-Results([string] $Csv) {
        $map = @{}
        if (Test-Path -LiteralPath $Csv) { foreach ($row in @(Import-Csv -LiteralPath $Csv)) { $map[$row.Id] = $row.TemporaryPassword } }
        $map
    }

    # The same for Temporary Access Passes.
    $script:PassScript = Join-Path $TestDrive 'passes.ps1'
    @'
param($Manifest, $Endpoint, $Csv)
Import-Module $Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString $env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint $Endpoint
Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999 | New-AadUserTemporaryAccessPass -Force -ThrottleLimit 2 | Export-Csv -LiteralPath $Csv
'@ | Set-Content -LiteralPath $PassScript

    function Test-SigIntIgnored {
        # A shell that starts a command in the background (`cmd &`) makes it ignore SIGINT, and every child inherits that:
        # then no Ctrl+C can reach the run, and a Ctrl+C test can prove nothing (CI runs in the foreground).
        $line = @(Get-Content "/proc/$PID/status" -ErrorAction SilentlyContinue) | Where-Object { $_ -like 'SigIgn:*' }
        $ignored = if ($line) { [Convert]::ToUInt64(($line -split '\s+')[1], 16) } else { 0 }
        ($ignored -band 2) -ne 0
    }

    function Start-SlowRun {
        # Latency so a run of 3,000 users takes long enough to be stopped in the middle.
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method POST -Body @{ fixedMs = 120; jitterMs = 20 }
    }
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Stopping a bulk reset' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Start-SlowRun
    }

    It 'hands every accepted reset to the output or the console host after Ctrl+C (<Name>)' -Skip:$IsWindows -TestCases @(
        @{ Name = 'without a journal'; WithJournal = $false }
        @{ Name = 'with a journal'; WithJournal = $true }
    ) {
        if (Test-SigIntIgnored) { Set-ItResult -Skipped -Because 'SIGINT is ignored in this process tree (started in the background)'; return }
        $csv = Join-Path $TestDrive "sigint-$WithJournal.csv"
        $journal = Join-Path $TestDrive "sigint-$WithJournal.journal"
        # Two batches in flight: the run lasts seconds even when a loaded machine polls the emulator slowly.
        $arguments = @($csv) + $(if ($WithJournal) { @($journal) } else { @() }) + @('-ThrottleLimit', '2')
        $child = Start-ModuleChild -Script $BulkScript -Emulator $Emulator -Arguments $arguments
        Wait-ForPatch -Emulator $Emulator -Count 300
        & kill -INT $child.Process.Id
        $child.Process.WaitForExit(60000) | Should -BeTrue

        $changed = @(Get-ChangedPassword -Emulator $Emulator)
        $changed.Count | Should -BeLessThan 3000 -Because 'the run must really have been stopped'
        $hostReported = Get-HostReportedPassword -Text $child.Stdout.Result
        $child.Stdout.Result | Should -Match 'Not attempted: \d+ inputs? that had reached Reset-AadUserPassword'
        $journalPasswords = if ($WithJournal) { Get-JournalPassword -Path $journal } else { @{} }
        Write-Verbose "changed $($changed.Count), output $((Read-Results $csv).Count), host $($hostReported.Count)"
        # Without a journal, output and host text alone must hold every password Graph applied.
        Assert-EveryChangeReported -Emulator $Emulator -Results (Read-Results $csv) -HostReported $hostReported -Journal $journalPasswords
    }

    It 'keeps every accepted reset in the output or the journal when a hosted PowerShell is stopped' {
        $journal = Join-Path $TestDrive 'hosted.journal'
        $token = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Manifest, $Endpoint, $Token, $Journal, $Filter)
                Import-Module $Manifest
                Connect-AadGraph -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force) -GraphEndpoint $Endpoint
                Get-AadUser -Filter $Filter -All -PageSize 999 | Reset-AadUserPassword -Force -JournalPath $Journal
            }).AddArgument($ModuleManifest).AddArgument($Emulator.BaseUri).AddArgument($token.access_token).AddArgument($journal).AddArgument($Filter)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            Wait-ForPatch -Emulator $Emulator -Count 300
            $ps.Stop()
            $async.IsCompleted | Should -BeTrue
            $results = @{}
            foreach ($r in $output) { $results[$r.Id] = $r.TemporaryPassword }
            @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeLessThan 3000
            Assert-EveryChangeReported -Emulator $Emulator -Results $results -Journal (Get-JournalPassword -Path $journal)
            @(Read-ResetJournal -Path $journal | Where-Object event -EQ 'stopped').Count | Should -Be 1
        }
        finally { $ps.Dispose() }
    }

    It 'keeps every accepted reset in the output or the journal when a thread job is stopped' {
        $journal = Join-Path $TestDrive 'job.journal'
        $token = (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token
        $job = Start-ThreadJob -ScriptBlock {
            param($Manifest, $Endpoint, $Token, $Journal, $Filter)
            Import-Module $Manifest
            Connect-AadGraph -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force) -GraphEndpoint $Endpoint
            Get-AadUser -Filter $Filter -All -PageSize 999 | Reset-AadUserPassword -Force -JournalPath $Journal
        } -ArgumentList $ModuleManifest, $Emulator.BaseUri, $token, $journal, $Filter
        try {
            Wait-ForPatch -Emulator $Emulator -Count 300
            $job | Stop-Job
            $results = @{}
            foreach ($r in @($job | Receive-Job -ErrorAction SilentlyContinue)) { $results[$r.Id] = $r.TemporaryPassword }
            @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeLessThan 3000
            Assert-EveryChangeReported -Emulator $Emulator -Results $results -Journal (Get-JournalPassword -Path $journal)
        }
        finally { $job | Remove-Job -Force }
    }

    It 'resumes after kill -9: every user ends with one reported password, and users the journal recorded are not reset again' -Skip:$IsWindows {
        $journal = Join-Path $TestDrive 'killed.journal'
        $first = Join-Path $TestDrive 'killed.csv'
        $child = Start-ModuleChild -Script $BulkScript -Emulator $Emulator -Arguments $first, $journal
        Wait-ForPatch -Emulator $Emulator -Count 600
        & kill -KILL $child.Process.Id
        $child.Process.WaitForExit(30000) | Should -BeTrue

        $recorded = @(Read-ResetJournal -Path $journal | Where-Object event -EQ 'success').userId
        $recorded.Count | Should -BeGreaterThan 0
        $sentOnly = Get-JournalPassword -Path $journal
        foreach ($id in $recorded) { $sentOnly.Remove($id) }
        $before = Get-StoredPassword -Emulator $Emulator
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method DELETE
        Clear-EmulatorRequest -Emulator $Emulator

        $second = Join-Path $TestDrive 'resumed.csv'
        $child = Start-ModuleChild -Script $BulkScript -Emulator $Emulator -Arguments $second, $journal, '-Resume'
        $child.Process.WaitForExit(180000) | Should -BeTrue
        $child.Process.ExitCode | Should -Be 0 -Because $child.Stderr.Result

        $results = Read-Results $second
        $results.Count | Should -Be 3000
        $stored = Get-StoredPassword -Emulator $Emulator
        foreach ($id in $results.Keys) { $stored[$id].password | Should -BeExactly $results[$id] }
        foreach ($id in $sentOnly.Keys) {
            $results[$id] | Should -BeExactly $sentOnly[$id][-1] -Because 'a user sent a password without a recorded answer is sent that same password again'
        }
        $patched = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).key
        foreach ($id in $recorded) {
            $patched | Should -Not -Contain $id -Because 'a reset the journal recorded is not sent again'
            $stored[$id].changeCount | Should -Be $before[$id].changeCount
        }
    }
}

Describe 'Stopping the steps of issue 10' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Start-SlowRun
    }

    It 'hands every accepted reset to the output or the console host after Ctrl+C during -RevokeSessions, revoked or not' -Skip:$IsWindows {
        if (Test-SigIntIgnored) { Set-ItResult -Skipped -Because 'SIGINT is ignored in this process tree (started in the background)'; return }
        $csv = Join-Path $TestDrive 'sigint-revoke.csv'
        $child = Start-ModuleChild -Script $BulkScript -Emulator $Emulator -Arguments $csv, '', '-ThrottleLimit', '2', '-RevokeSessions' -Claims $AllClaims
        Wait-ForPatch -Emulator $Emulator -Count 300
        & kill -INT $child.Process.Id
        $child.Process.WaitForExit(60000) | Should -BeTrue

        @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeLessThan 3000 -Because 'the run must really have been stopped'
        $rows = @(if (Test-Path -LiteralPath $csv) { Import-Csv -LiteralPath $csv })
        $rows.Count | Should -BeGreaterThan 0
        $rows | ForEach-Object { $_.SessionsRevoked | Should -Be 'True' -Because 'a result is written once its revocation is answered' }
        $hostReported = Get-HostReportedPassword -Text $child.Stdout.Result
        $child.Stdout.Result | Should -Match 'Not attempted: \d+ inputs? that had reached Reset-AadUserPassword'
        Assert-EveryChangeReported -Emulator $Emulator -Results (Read-Results $csv) -HostReported $hostReported
        # A user revoked is a user whose password was reset and reached the admin: revocations never run ahead of resets.
        $changed = @{}
        foreach ($user in Get-ChangedPassword -Emulator $Emulator) { $changed[$user.id] = $true }
        foreach ($revoked in @(Get-EmulatorSessionRevocation -Emulator $Emulator -Revoked)) { $changed.ContainsKey($revoked.id) | Should -BeTrue }
    }

    It 'hands every pass Graph created to the output or the console host after Ctrl+C, or says to issue one again' -Skip:$IsWindows {
        if (Test-SigIntIgnored) { Set-ItResult -Skipped -Because 'SIGINT is ignored in this process tree (started in the background)'; return }
        $csv = Join-Path $TestDrive 'sigint-passes.csv'
        $child = Start-ModuleChild -Script $PassScript -Emulator $Emulator -Arguments $csv -Claims $AllClaims
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (@(Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Issued).Count -lt 300 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        & kill -INT $child.Process.Id
        $child.Process.WaitForExit(60000) | Should -BeTrue

        $stored = @(Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Issued)
        $stored.Count | Should -BeGreaterOrEqual 300
        $stored.Count | Should -BeLessThan 3000 -Because 'the run must really have been stopped'
        $output = @{}
        foreach ($row in @(if (Test-Path -LiteralPath $csv) { Import-Csv -LiteralPath $csv })) { $output[$row.Id] = $row.TemporaryAccessPass }
        $text = $child.Stdout.Result
        $hostCodes = @{}
        foreach ($m in [regex]::Matches($text, "created a Temporary Access Pass for '[^']*' \(([0-9a-f-]{36})\)[^;]*; its code is: (\S+)")) { $hostCodes[$m.Groups[1].Value] = $m.Groups[2].Value }
        $issueAgain = @{}
        foreach ($m in [regex]::Matches($text, "Temporary Access Pass for '[^']*' \(([0-9a-f-]{36})\) was still waiting for Graph's answer: a pass may exist")) { $issueAgain[$m.Groups[1].Value] = $true }
        $text | Should -Match 'Not attempted: \d+ inputs? that had reached New-AadUserTemporaryAccessPass'
        Write-Host "passes $($stored.Count), output $($output.Count), host $($hostCodes.Count), issue again $($issueAgain.Count)"
        foreach ($user in $stored) {
            $code = if ($output.ContainsKey($user.id)) { $output[$user.id] } elseif ($hostCodes.ContainsKey($user.id)) { $hostCodes[$user.id] } else { $null }
            if ($null -eq $code) {
                $issueAgain.ContainsKey($user.id) | Should -BeTrue -Because "the pass Graph created for $($user.userPrincipalName) reaches the admin, or the admin is told to issue one again"
            }
            else {
                ($user.temporaryAccessPass.code -ceq $code) | Should -BeTrue -Because "the code handed over for $($user.userPrincipalName) is the one in force"
            }
        }
    }
}
