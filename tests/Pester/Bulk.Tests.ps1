# Bulk resets through $batch: faults, duplicates, warnings that turn into prompts, progress, and loops a server drives.
# Stops and kills are in Stop.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'BulkHelpers.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '10000'
    $script:ResetId = 'PasswordReset.Commands.ResetAadUserPasswordCommand'
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Bulk resets' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }

    It 'accounts for 10,000 users exactly once through 429s, 503s, 504s after applying, dropped connections, lost answers and malformed batches' {
        $upns = @(Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999).UserPrincipalName
        $upns.Count | Should -Be 10000
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method POST -Body @{
            seed = 7; retryAfterSeconds = 0.02
            rates = @{ '429' = 0.05; '503' = 0.02; '504AfterApply' = 0.01; drop = 0.01; lostAnswer = 0.01; malformedBatch = 0.01 }
        }
        Clear-EmulatorRequest -Emulator $Emulator

        $results = @($upns | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method DELETE

        $errs.Count | Should -Be 0 -Because "$(@($errs | Select-Object -First 3) -join '; ')"
        $results.Count | Should -Be 10000
        @($results.Id | Sort-Object -Unique).Count | Should -Be 10000
        $faults = @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch | Where-Object fault | Group-Object fault)
        $faults.Name | Should -Contain 'lostAnswer'
        $faults.Name | Should -Contain '429'
        $byId = @{}
        foreach ($r in $results) { $byId[$r.Id] = $r.TemporaryPassword }
        Assert-EveryChangeReported -Emulator $Emulator -Results $byId
        @(Get-ChangedPassword -Emulator $Emulator).Count | Should -Be 10000
    }

    It 'resets a user named twice once: UPN in two cases, and UPN and object id' -TestCases @(
        @{ Second = 'adelev@m365x214355.onmicrosoft.com' }
        @{ Second = '87d349ed-44d7-43e1-9a83-5f2406dee5bd' }
    ) {
        $adele = Get-AadUser -UserPrincipalName "AdeleV@$Tenant"
        $second = if ($Second -match '^[0-9a-f-]{36}$') { $adele.Id } else { $Second }
        $results = @("AdeleV@$Tenant", $second | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "DuplicateInput,$ResetId"
        $errs[0].TargetObject | Should -Be $second
        "$($errs[0])" | Should -Match ([regex]::Escape("AdeleV@$Tenant"))
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 1
        (Get-EmulatorUser -Emulator $Emulator -Key $adele.Id).passwordProfile.password | Should -BeExactly $results[0].TemporaryPassword
    }

    It 'writes every accepted reset when -Debug -Verbose warnings and debug lines become prompts in a non-interactive session' -TestCases @(
        @{ Switches = '-Debug -Verbose' }
        @{ Switches = '-WarningAction Inquire' }
    ) {
        $script = Join-Path $TestDrive 'prompts.ps1'
        @"
param(`$Manifest, `$Endpoint, `$Csv)
Import-Module `$Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString `$env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint `$Endpoint -WarningAction SilentlyContinue
`$upns = 'kakers', 'packerman', 'jnunez', 'AdeleV', 'AlexW', 'DiegoS', 'GradyA', 'HenriettaM' | ForEach-Object { "`$_@$Tenant" }
try { `$upns | Reset-AadUserPassword -Force $Switches | Export-Csv -LiteralPath `$Csv } catch { Write-Host "caught: `$(`$_.FullyQualifiedErrorId)" }
"@ | Set-Content -LiteralPath $script
        $csv = Join-Path $TestDrive 'prompts.csv'
        $child = Start-ModuleChild -Script $script -Emulator $Emulator -Arguments $csv
        $child.Process.WaitForExit(120000) | Should -BeTrue
        $results = @{}
        foreach ($row in @(Import-Csv -LiteralPath $csv)) { $results[$row.Id] = $row.TemporaryPassword }
        @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeGreaterThan 0
        Assert-EveryChangeReported -Emulator $Emulator -Results $results
    }

    It 'writes every result Graph accepted before an -ErrorAction Stop error ends the run' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method POST -Body @{ fixedMs = 50; jitterMs = 10 }
        $inputs = @(1..200 | ForEach-Object { 'synthetic{0:d5}@{1}' -f $_, $Tenant }) + "nobody@$Tenant" + @(201..400 | ForEach-Object { 'synthetic{0:d5}@{1}' -f $_, $Tenant })
        # In a runspace without a host: the lines a stopped run hands to the admin would go into the test output.
        $run = Invoke-WithoutHost -Emulator $Emulator -ArgumentList (, $inputs) -Script '
            param($Inputs)
            $out = [System.Collections.Generic.List[object]]::new()
            $caught = $null
            try { $Inputs | Reset-AadUserPassword -Force -ErrorAction Stop | ForEach-Object { $out.Add($_) } } catch { $caught = $_ }
            [pscustomobject]@{ Out = $out; Caught = "$caught" }'
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method DELETE
        $run.Caught | Should -Match 'nobody'
        $results = @{}
        foreach ($r in $run.Out) { $results[$r.Id] = $r.TemporaryPassword }
        @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeLessThan 400 -Because 'the error must really have ended the run'
        Assert-EveryChangeReported -Emulator $Emulator -Results $results
    }

    It 'hands every accepted reset to the console host when a command downstream fails' -Skip:$IsWindows {
        $script = Join-Path $TestDrive 'downstream.ps1'
        @"
param(`$Manifest, `$Endpoint, `$Csv)
Import-Module `$Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString `$env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint `$Endpoint
`$i = 0
1..400 | ForEach-Object { 'synthetic{0:d5}@$Tenant' -f `$_ } | Reset-AadUserPassword -Force | ForEach-Object { `$_ | Export-Csv -LiteralPath `$Csv -Append; if (++`$i -eq 5) { throw 'the disk is full' } }
"@ | Set-Content -LiteralPath $script
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method POST -Body @{ fixedMs = 100; jitterMs = 10 }
        $csv = Join-Path $TestDrive 'downstream.csv'
        $child = Start-ModuleChild -Script $script -Emulator $Emulator -Arguments $csv
        $child.Process.WaitForExit(120000) | Should -BeTrue
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method DELETE
        $results = @{}
        foreach ($row in @(Import-Csv -LiteralPath $csv)) { $results[$row.Id] = $row.TemporaryPassword }
        $results.Count | Should -Be 5
        @(Get-ChangedPassword -Emulator $Emulator).Count | Should -BeGreaterThan 5
        Assert-EveryChangeReported -Emulator $Emulator -Results $results -HostReported (Get-HostReportedPassword -Text $child.Stdout.Result)
    }

    It 'reports progress for a bulk reset and for Get-AadUser -All' {
        $ps = [powershell]::Create()
        try {
            $token = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}
            $null = $ps.AddScript({
                param($Manifest, $Endpoint, $Token)
                Import-Module $Manifest
                Connect-AadGraph -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force) -GraphEndpoint $Endpoint
                Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 100 | Select-Object -First 3000 | Reset-AadUserPassword -Force -Verbose | Measure-Object
            }).AddArgument($ModuleManifest).AddArgument($Emulator.BaseUri).AddArgument($token.access_token)
            $out = $ps.Invoke()
            $out[0].Count | Should -Be 3000
            $activities = @($ps.Streams.Progress | Group-Object Activity).Name
            $activities | Should -Contain 'Resetting passwords'
            $activities | Should -Contain 'Listing users'
            @($ps.Streams.Progress | Where-Object Activity -EQ 'Listing users' | Where-Object StatusDescription -Match '\d+ users so far, \d+ pages').Count | Should -BeGreaterThan 0
            @($ps.Streams.Progress | Where-Object Activity -EQ 'Resetting passwords' | Where-Object StatusDescription -Match '\d+ reset, \d+ failed').Count | Should -BeGreaterThan 0
            # A hosted run has no console host: it is told, once, that only a journal can hand over what a stop leaves behind.
            @($ps.Streams.Verbose | Where-Object Message -Match 'no console host.*-JournalPath').Count | Should -Be 1
        }
        finally { $ps.Dispose() }
    }
}

Describe 'The journal' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }

    It 'is neither created nor read with -WhatIf' {
        $journal = Join-Path $TestDrive 'whatif.journal'
        # In a runspace without a host, so the "What if:" line stays out of the test output.
        $null = Invoke-WithoutHost -Emulator $Emulator -Script 'param($Upn, $Journal) $Upn | Reset-AadUserPassword -WhatIf -JournalPath $Journal' -ArgumentList "AdeleV@$Tenant", $journal
        Test-Path -LiteralPath $journal | Should -BeFalse
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'refuses -Resume of a journal that does not exist, before any request' {
        $journal = Join-Path $TestDrive 'typo.journal'
        { "AdeleV@$Tenant" | Reset-AadUserPassword -Force -JournalPath $journal -Resume } | Should -Throw -ErrorId "JournalUnavailable,$ResetId"
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }
}

Describe 'Loops a server drives end' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }
    AfterEach { $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method DELETE }

    It 'ends a listing whose next link <Paging> with GraphPagingFailed' -TestCases @(
        @{ Paging = 'repeat' }
        @{ Paging = 'endless' }
    ) {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method POST -Body @{ paging = $Paging }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $users = @(Get-AadUser -All -PageSize 999 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 120
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'GraphPagingFailed,PasswordReset.Commands.GetAadUserCommand'
        $users.Count | Should -BeGreaterThan 0
    }

    It 'ends a reset that Graph throttles forever with one Throttled error per user' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method POST -Body @{ seed = 1; retryAfterSeconds = 0.01; rates = @{ '429' = 1.0 } }
        $results = @("AdeleV@$Tenant", "AlexW@$Tenant" | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "Throttled,$ResetId" }
        "$($errs[0])" | Should -Match 'Looking up'
    }

    It 'says the outcome is unknown, never "try later", when a reset is applied but never confirmed' {
        $adele = Get-AadUser -UserPrincipalName "AdeleV@$Tenant"
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method POST -Body @{ seed = 1; retryAfterSeconds = 0.01; rates = @{ '504AfterApply' = 1.0 } }
        $results = @($adele | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ResetOutcomeUnknown,$ResetId"
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'reset this user again'
        (Get-EmulatorUser -Emulator $Emulator -Key $adele.Id).passwordResetCount | Should -BeGreaterThan 0
    }
}
