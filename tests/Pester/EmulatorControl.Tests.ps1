# The emulator's bulk control surface through the helpers of tests/EmulatorControl.psm1, against a real emulator
# process: $batch inner requests in the log, faults, latency, throttling and the bulk password read.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    $script:Headers = @{ Authorization = 'Bearer ' + (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token }

    function Invoke-TestBatch {
        param([Parameter(Mandatory)][object[]] $Requests)
        $body = @{ requests = $Requests } | ConvertTo-Json -Depth 10 -Compress
        Invoke-RestMethod -Uri "$($Emulator.BaseUri)/v1.0/`$batch" -Method POST -Headers $Headers -ContentType 'application/json' -Body $body
    }

    function New-PatchStep {
        param([string] $Id, [string] $Upn, [string] $Password)
        @{ id = $Id; method = 'PATCH'; url = '/users/' + [uri]::EscapeDataString($Upn); headers = @{ 'Content-Type' = 'application/json' }
            body = @{ passwordProfile = @{ password = $Password; forceChangePasswordNextSignIn = $true } } }
    }
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Emulator control helpers' {
    BeforeEach { Reset-Emulator -Emulator $Emulator }

    It 'logs each inner request of a batch like a direct one, and Get-EmulatorPassword shows what was stored' {
        $answer = Invoke-TestBatch -Requests @(
            (New-PatchStep -Id '1' -Upn "MeganB@$Tenant" -Password 'First!Passw0rd'),
            (New-PatchStep -Id '2' -Upn "AlexW@$Tenant" -Password 'Second!Passw0rd'))
        @($answer.responses | Where-Object status -EQ 204).Count | Should -Be 2

        $patches = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH)
        $patches.Count | Should -Be 2
        @($patches.key | Sort-Object) | Should -Be @("AlexW@$Tenant", "MeganB@$Tenant")
        @($patches | Where-Object status -EQ 204).Count | Should -Be 2
        $outer = @(Get-EmulatorRequest -Emulator $Emulator -Method POST -IncludeBatch)
        $outer.Count | Should -Be 1
        $outer[0].path | Should -Be '/v1.0/$batch'
        $patches | ForEach-Object { $_.batchSequence | Should -Be $outer[0].sequence }
        (Get-EmulatorRequest -Emulator $Emulator -Since $outer[0].sequence).Count | Should -Be 2

        $changed = @(Get-EmulatorPassword -Emulator $Emulator -Changed)
        $changed.Count | Should -Be 2
        ($changed | Where-Object userPrincipalName -EQ "MeganB@$Tenant").password | Should -Be 'First!Passw0rd'
        $changed | ForEach-Object { $_.changeCount | Should -Be 1 }
        @(Get-EmulatorPassword -Emulator $Emulator).Count | Should -Be 42
    }

    It 'injects faults that Get-EmulatorRequest reports, and Clear-EmulatorFault turns them off' {
        $set = Set-EmulatorFault -Emulator $Emulator -Rates @{ '429' = 1 } -RetryAfterSeconds 2.128 -Method PATCH -Seed 3
        $set.rates.'429' | Should -Be 1
        $set.methods | Should -Be @('PATCH')
        (Get-EmulatorFault -Emulator $Emulator).seed | Should -Be 3

        $answer = Invoke-TestBatch -Requests @((New-PatchStep -Id 'a' -Upn "MeganB@$Tenant" -Password 'First!Passw0rd'))
        $answer.responses[0].status | Should -Be 429
        $answer.responses[0].headers.'Retry-After' | Should -Be '2.128'
        (Get-EmulatorRequest -Emulator $Emulator -Method PATCH)[0].fault | Should -Be '429'
        @(Get-EmulatorPassword -Emulator $Emulator -Changed).Count | Should -Be 0

        Clear-EmulatorFault -Emulator $Emulator
        (Get-EmulatorFault -Emulator $Emulator).rates.'429' | Should -Be 0
        { Set-EmulatorFault -Emulator $Emulator -Rates @{ '429' = 2 } } | Should -Throw
    }

    It 'sets latency and throttling, and Reset-Emulator puts both back' {
        (Set-EmulatorLatency -Emulator $Emulator -FixedMs 5 -JitterMs 2).fixedMs | Should -Be 5
        (Get-EmulatorLatency -Emulator $Emulator).jitterMs | Should -Be 2

        $throttling = Set-EmulatorThrottling -Emulator $Emulator -TimeScale 5 -WritesPer150Seconds 1
        $throttling.enabled | Should -BeTrue
        $throttling.timeScale | Should -Be 5
        $answer = Invoke-TestBatch -Requests @(
            (New-PatchStep -Id '1' -Upn "MeganB@$Tenant" -Password 'First!Passw0rd'),
            (New-PatchStep -Id '2' -Upn "AlexW@$Tenant" -Password 'Second!Passw0rd'))
        @($answer.responses.status | Sort-Object) | Should -Be @(204, 429)
        (Get-EmulatorThrottling -Emulator $Emulator).counters.throttled | Should -Be 1

        Reset-Emulator -Emulator $Emulator
        (Get-EmulatorLatency -Emulator $Emulator).fixedMs | Should -Be 0
        (Get-EmulatorThrottling -Emulator $Emulator).enabled | Should -BeFalse
    }
}
