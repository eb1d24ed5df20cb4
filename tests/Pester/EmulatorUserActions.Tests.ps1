# The emulator's control helpers for sign-in session revocations, Temporary Access Passes and fault rules
# (tests/EmulatorControl.psm1), against a real emulator process, with Graph requests sent over HTTP.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    $claims = @{ roles = @('User.Read.All', 'User.RevokeSessions.All', 'UserAuthenticationMethod.ReadWrite.All'); wids = @('7be44c8a-adaf-4e2a-84d6-ab2649e08a13') }
    $script:Headers = @{ Authorization = 'Bearer ' + (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body $claims).access_token }

    function Invoke-TestGraph {
        param([Parameter(Mandatory)][string] $Path, [string] $Method = 'GET', $Body)
        $params = @{ Uri = "$($Emulator.BaseUri)/v1.0$Path"; Method = $Method; Headers = $Headers; SkipHttpErrorCheck = $true; StatusCodeVariable = 'status' }
        if ($PSBoundParameters.ContainsKey('Body')) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
        $answer = Invoke-RestMethod @params
        [pscustomobject]@{ Status = $status; Body = $answer }
    }

    function Invoke-TestBatch {
        param([Parameter(Mandatory)][object[]] $Requests)
        $body = @{ requests = $Requests } | ConvertTo-Json -Depth 10 -Compress
        Invoke-RestMethod -Uri "$($Emulator.BaseUri)/v1.0/`$batch" -Method POST -Headers $Headers -ContentType 'application/json' -Body $body
    }

    function New-PostStep {
        param([string] $Id, [string] $Url, [hashtable] $Body = @{})
        @{ id = $Id; method = 'POST'; url = $Url; headers = @{ 'Content-Type' = 'application/json' }; body = $Body }
    }
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Emulator helpers for revocations, passes and fault rules' {
    BeforeEach { Reset-Emulator -Emulator $Emulator }

    It 'reads the revocations the emulator recorded, one user or all' {
        $answer = Invoke-TestBatch -Requests @(
            (New-PostStep -Id '1' -Url ('/users/' + [uri]::EscapeDataString("MeganB@$Tenant") + '/revokeSignInSessions')),
            (New-PostStep -Id '2' -Url ('/users/' + [uri]::EscapeDataString("AlexW@$Tenant") + '/revokeSignInSessions')))
        @($answer.responses | Where-Object status -EQ 200).Count | Should -Be 2
        $answer.responses[0].body.value | Should -BeTrue

        $revoked = @(Get-EmulatorSessionRevocation -Emulator $Emulator -Revoked)
        $revoked.Count | Should -Be 2
        @($revoked.userPrincipalName | Sort-Object) | Should -Be @("AlexW@$Tenant", "MeganB@$Tenant")
        $revoked | ForEach-Object { $_.revokedCount | Should -Be 1; $_.lastRevoked | Should -Not -BeNullOrEmpty }
        @(Get-EmulatorSessionRevocation -Emulator $Emulator).Count | Should -Be 42
        (Get-EmulatorSessionRevocation -Emulator $Emulator -Key "MeganB@$Tenant").revokedCount | Should -Be 1
        (Get-EmulatorSessionRevocation -Emulator $Emulator -Key "AdeleV@$Tenant").lastRevoked | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator -Method POST).key | Sort-Object | Should -Be @("AlexW@$Tenant", "MeganB@$Tenant")
    }

    It 'sets the TAP policy, reads the stored pass with its code, and Reset-Emulator restores the policy' {
        $policy = Set-EmulatorTapPolicy -Emulator $Emulator -DefaultLifetimeInMinutes 90 -MinimumLifetimeInMinutes 30 -DefaultLength 12 -IsUsableOnce
        $policy.state | Should -Be 'enabled'
        $policy.defaultLength | Should -Be 12
        (Get-EmulatorTapPolicy -Emulator $Emulator).isUsableOnce | Should -BeTrue

        $created = Invoke-TestGraph -Path ('/users/' + [uri]::EscapeDataString("AdeleV@$Tenant") + '/authentication/temporaryAccessPassMethods') -Method POST -Body @{}
        $created.Status | Should -Be 201
        $created.Body.temporaryAccessPass.Length | Should -Be 12
        $created.Body.lifetimeInMinutes | Should -Be 90

        $stored = Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant"
        $stored.createdCount | Should -Be 1
        $stored.temporaryAccessPass.code | Should -BeExactly $created.Body.temporaryAccessPass
        $stored.temporaryAccessPass.isUsableOnce | Should -BeTrue
        $issued = @(Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Issued)
        $issued.Count | Should -Be 1
        $issued[0].temporaryAccessPass.id | Should -Be $created.Body.id

        Set-EmulatorTapPolicy -Emulator $Emulator -Disabled | Out-Null
        $refused = Invoke-TestGraph -Path ('/users/' + [uri]::EscapeDataString("AlexW@$Tenant") + '/authentication/temporaryAccessPassMethods') -Method POST -Body @{}
        $refused.Status | Should -Be 400
        $refused.Body.error.code | Should -Be 'badRequest'
        { Set-EmulatorTapPolicy -Emulator $Emulator -DefaultLength 7 } | Should -Throw

        Reset-EmulatorTapPolicy -Emulator $Emulator
        (Get-EmulatorTapPolicy -Emulator $Emulator).defaultLength | Should -Be 8
        Set-EmulatorTapPolicy -Emulator $Emulator -Disabled | Out-Null
        Reset-Emulator -Emulator $Emulator
        (Get-EmulatorTapPolicy -Emulator $Emulator).state | Should -Be 'enabled'
        (Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant").temporaryAccessPass | Should -BeNullOrEmpty
    }

    It 'aims faults at chosen users with New-EmulatorFaultRule, once or always' {
        $rules = @(
            (New-EmulatorFaultRule -Fault 503 -Operation revokeSignInSessions -User "MeganB@$Tenant"),
            (New-EmulatorFaultRule -Fault 403 -Operation revokeSignInSessions -Method POST -User "AlexW@$Tenant" -Times 1))
        $set = Set-EmulatorFault -Emulator $Emulator -Rule $rules -RetryAfterSeconds 1
        $set.rules.Count | Should -Be 2
        $set.rules[1].times | Should -Be 1
        (Get-EmulatorFault -Emulator $Emulator).rules[0].users | Should -Be @("MeganB@$Tenant")

        $requests = @('MeganB', 'AlexW', 'AdeleV') | ForEach-Object {
            New-PostStep -Id $_ -Url ('/users/' + [uri]::EscapeDataString("$_@$Tenant") + '/revokeSignInSessions')
        }
        $first = Invoke-TestBatch -Requests $requests
        ($first.responses | Where-Object id -EQ 'MeganB').status | Should -Be 503
        ($first.responses | Where-Object id -EQ 'AlexW').status | Should -Be 403
        ($first.responses | Where-Object id -EQ 'AdeleV').status | Should -Be 200
        $second = Invoke-TestBatch -Requests $requests
        ($second.responses | Where-Object id -EQ 'MeganB').status | Should -Be 503
        ($second.responses | Where-Object id -EQ 'AlexW').status | Should -Be 200
        @(Get-EmulatorRequest -Emulator $Emulator -Method POST | Where-Object fault -EQ '503').Count | Should -Be 2

        $lost = New-EmulatorFaultRule -Fault lostAnswer -Operation temporaryAccessPassMethods -Method POST -User "AdeleV@$Tenant" -Times 1
        Set-EmulatorFault -Emulator $Emulator -Rule $lost | Out-Null
        $create = @(New-PostStep -Id '1' -Url ('/users/' + [uri]::EscapeDataString("AdeleV@$Tenant") + '/authentication/temporaryAccessPassMethods'))
        { Invoke-TestBatch -Requests $create } | Should -Throw
        (Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant").createdCount | Should -Be 1
        $retry = Invoke-TestBatch -Requests $create
        $stored = Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant"
        $stored.createdCount | Should -Be 2
        $stored.temporaryAccessPass.code | Should -BeExactly $retry.responses[0].body.temporaryAccessPass

        Clear-EmulatorFault -Emulator $Emulator
        @((Get-EmulatorFault -Emulator $Emulator).rules).Count | Should -Be 0
    }
}
