# Issue 10: a compromised account in one command (Reset-AadUserPassword -RevokeSessions) and the revocation alone
# (Revoke-AadUserSignInSession), against the emulator over HTTP, asserting what it received and stored. Passes are in
# AccessPass.Tests.ps1; stops in Stop.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'BulkHelpers.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '1000'
    $script:ResetId = 'PasswordReset.Commands.ResetAadUserPasswordCommand'
    $script:RevokeId = 'PasswordReset.Commands.RevokeAadUserSignInSessionCommand'
    $script:Synthetic = @(1..1000 | ForEach-Object { 'synthetic{0:d5}@{1}' -f $_, $Tenant })

    function script:Get-Revocation {
        <# Per user id, the revocations the emulator recorded (users revoked at least once). #>
        $map = @{}
        foreach ($row in @(Get-EmulatorSessionRevocation -Emulator $Emulator -Revoked)) { $map[$row.id] = $row }
        $map
    }

    function script:New-Guest {
        <# A B2B guest of the tenant (#EXT#, creationType Invitation); returns its UPN. #>
        $upn = "guest_fabrikam.com#EXT#@$Tenant"
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users' -Method POST -Body @{
            userPrincipalName = $upn; displayName = 'A Guest'; accountEnabled = $true; userType = 'Guest'; creationType = 'Invitation'
        }
        $upn
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Reset-AadUserPassword -RevokeSessions' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator -Claims $AllClaims
    }
    AfterEach { Clear-EmulatorFault -Emulator $Emulator }

    It 'resets and revokes 1,000 users from a CSV once each, the revocation in a later batch, well below one HTTP request per user' {
        $csv = Join-Path $TestDrive 'compromised.csv'
        $Synthetic | ForEach-Object { [pscustomobject]@{ UserPrincipalName = $_ } } | Export-Csv -LiteralPath $csv
        Clear-EmulatorRequest -Emulator $Emulator

        $results = @(Import-Csv $csv | Reset-AadUserPassword -RevokeSessions -ForceChangePasswordNextSignInWithMfa -Force -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs.Count | Should -Be 0 -Because "$(@($errs | Select-Object -First 3) -join '; ')"
        $results.Count | Should -Be 1000
        @($results.Id | Sort-Object -Unique).Count | Should -Be 1000
        $stored = Get-StoredPassword -Emulator $Emulator
        $revoked = Get-Revocation
        $revoked.Count | Should -Be 1000
        foreach ($result in $results) {
            ($stored[$result.Id].password -ceq $result.TemporaryPassword) | Should -BeTrue -Because "$($result.UserPrincipalName)'s result holds the password Graph has"
            $stored[$result.Id].changeCount | Should -Be 1
            $revoked[$result.Id].revokedCount | Should -Be 1 -Because "$($result.UserPrincipalName) is revoked once"
            $result.SessionsRevoked | Should -BeTrue
            $result.SessionsRevokedDateTime | Should -BeGreaterOrEqual $result.ResetTime
            $result.ForceChangePasswordNextSignInWithMfa | Should -BeTrue
        }

        $requests = @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch)
        $batches = @($requests | Where-Object path -Match '/\$batch$')
        $inner = @($requests | Where-Object { $_.path -notmatch '/\$batch$' })
        @($inner | Where-Object { $null -eq $_.batchSequence }).Count | Should -Be 0 -Because 'every request went inside a $batch'
        $batches.Count | Should -BeLessThan 250 -Because "3,000 requests in batches of 20 need about 150 HTTP requests, not $($batches.Count)"
        $patches = @($inner | Where-Object method -EQ 'PATCH')
        $posts = @($inner | Where-Object method -EQ 'POST')
        ($patches.Count, $posts.Count) | Should -Be @(1000, 1000)
        @($patches | Where-Object { $_.body.passwordProfile.forceChangePasswordNextSignInWithMfa -ne $true }).Count | Should -Be 0
        # The revocation is a request of its own, sent after the reset's answer: never in the same batch (no dependsOn).
        $patchBatch = @{}
        foreach ($p in $patches) { $patchBatch[$p.key] = $p.batchSequence }
        foreach ($post in $posts) {
            $post.path | Should -Match '/revokeSignInSessions$'
            $id = $post.key
            $post.batchSequence | Should -BeGreaterThan $patchBatch[$id] -Because "the revocation of $id comes in a later batch than its reset"
        }
        Assert-NoContractViolation -Emulator $Emulator
    }

    It 'keeps every password when revocations fail for some users: each gets one SessionRevocationFailed error, the others are unaffected' {
        $inputs = @($Synthetic[0..39])
        $refused = @($inputs[3], $inputs[11], $inputs[20], $inputs[37])
        $unavailable = @($inputs[5], $inputs[30])
        Set-EmulatorFault -Emulator $Emulator -RetryAfterSeconds 0.01 -Rule @(
            (New-EmulatorFaultRule -Fault 403 -Operation revokeSignInSessions -User $refused)
            (New-EmulatorFaultRule -Fault 503 -Operation revokeSignInSessions -User $unavailable)
        ) | Out-Null

        $results = @($inputs | Reset-AadUserPassword -RevokeSessions -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)

        $results.Count | Should -Be 40 -Because 'every reset Graph accepted is written, whatever happened to its revocation'
        $stored = Get-StoredPassword -Emulator $Emulator
        foreach ($result in $results) {
            ($stored[$result.Id].password -ceq $result.TemporaryPassword) | Should -BeTrue
            $result.SessionsRevoked | Should -Be ($result.UserPrincipalName -notin $refused + $unavailable)
        }
        @($results | Where-Object { -not $_.SessionsRevoked } | ForEach-Object UserPrincipalName | Sort-Object) | Should -Be @($refused + $unavailable | Sort-Object)
        $errs.Count | Should -Be 6 -Because 'one error per failed revocation, none for the resets'
        foreach ($err in $errs) {
            $err.FullyQualifiedErrorId | Should -Be "SessionRevocationFailed,$ResetId"
            "$err" | Should -Match 'was reset and its result written, but revoking its sign-in sessions failed'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Revoke-AadUserSignInSession -Id [0-9a-f-]{36}'
        }
        @($errs.TargetObject | Sort-Object) | Should -Be @($refused + $unavailable | Sort-Object)
        @($errs | Where-Object { $_.CategoryInfo.Category -eq 'PermissionDenied' }).Count | Should -Be 4
        "$warn" | Should -Match '4 revocations after a reset were refused with 403'

        $revoked = Get-Revocation
        $revoked.Count | Should -Be 34
        foreach ($upn in $refused + $unavailable) { @($revoked.Values.userPrincipalName) | Should -Not -Contain $upn }
    }

    It 'stops with one SessionRevocationPermissionMissing error before any request when the token cannot revoke (<Name>)' -TestCases @(
        @{ Name = 'app, reset permission only'; Claims = @{ roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All'); wids = @('7be44c8a-adaf-4e2a-84d6-ab2649e08a13') } }
        @{ Name = 'delegated, reset scope only'; Claims = @{ scp = 'User.Read.All User-PasswordProfile.ReadWrite.All'; wids = @('7be44c8a-adaf-4e2a-84d6-ab2649e08a13') } }
    ) {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims $Claims) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        try { $null = $Synthetic[0..9] | Reset-AadUserPassword -RevokeSessions -Force -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be "SessionRevocationPermissionMissing,$ResetId"
        $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $caught.Exception.Message | Should -Match 'User\.RevokeSessions\.All'
        $caught.Exception.Message | Should -Match 'Nothing was sent'
        @($errs).Count | Should -Be 1
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        @(Get-EmulatorPassword -Emulator $Emulator -Changed).Count | Should -Be 0
    }

    It 'resets and revokes through 429s, 503s, 504s after applying, dropped connections, lost answers and malformed batches: one outcome per input, nothing lost' {
        Set-EmulatorFault -Emulator $Emulator -Seed 10 -RetryAfterSeconds 0.02 -Rates @{
            '429' = 0.05; '503' = 0.02; '504AfterApply' = 0.02; drop = 0.01; lostAnswer = 0.02; malformedBatch = 0.01
        } | Out-Null
        Clear-EmulatorRequest -Emulator $Emulator

        $results = @($Synthetic | Reset-AadUserPassword -RevokeSessions -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        Clear-EmulatorFault -Emulator $Emulator

        $errs.Count | Should -Be 0 -Because "$(@($errs | Select-Object -First 3) -join '; ')"
        $results.Count | Should -Be 1000
        @($results.Id | Sort-Object -Unique).Count | Should -Be 1000
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch | Where-Object fault | Group-Object fault).Name | Should -Contain 'lostAnswer'
        $byId = @{}
        foreach ($r in $results) { $byId[$r.Id] = $r.TemporaryPassword }
        Assert-EveryChangeReported -Emulator $Emulator -Results $byId
        $revoked = Get-Revocation
        $revoked.Count | Should -Be 1000
        @($results | Where-Object { -not $_.SessionsRevoked }).Count | Should -Be 0
    }
}

Describe 'Revoke-AadUserSignInSession' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator -Claims $AllClaims
        Clear-EmulatorRequest -Emulator $Emulator
    }
    AfterEach { Clear-EmulatorFault -Emulator $Emulator }

    It 'revokes each user once and writes one result per user, changing no password' {
        $inputs = @($Synthetic[0..99])
        $results = @($inputs | Revoke-AadUserSignInSession -Force -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs.Count | Should -Be 0
        $results.Count | Should -Be 100
        $results | ForEach-Object { $_ | Should -BeOfType [PasswordReset.SessionRevocationResult] }
        $revoked = Get-Revocation
        $revoked.Count | Should -Be 100
        foreach ($result in $results) {
            $revoked[$result.Id].revokedCount | Should -Be 1
            $result.SessionsRevoked | Should -BeTrue
            $result.SessionsRevokedDateTime | Should -Not -BeNullOrEmpty
            $result.RequestId | Should -Not -BeNullOrEmpty
        }
        @($results.UserPrincipalName | Sort-Object) | Should -Be @($inputs | Sort-Object)
        @(Get-EmulatorPassword -Emulator $Emulator -Changed).Count | Should -Be 0
        $requests = @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch)
        @($requests | Where-Object method -EQ 'PATCH').Count | Should -Be 0
        @($requests | Where-Object path -Match '/\$batch$').Count | Should -BeLessThan 25
    }

    It 'sends nothing with -WhatIf' {
        $null = Invoke-WithoutHost -Emulator $Emulator -Claims $AllClaims -ArgumentList (, $Synthetic[0..9]) -Script 'param($Upns) $Upns | Revoke-AadUserSignInSession -WhatIf'
        $null = Invoke-WithoutHost -Emulator $Emulator -Claims $AllClaims -ArgumentList "AdeleV@$Tenant" -Script 'param($Upn) Get-AadUser -UserPrincipalName $Upn | Revoke-AadUserSignInSession -WhatIf'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch | Where-Object method -NE 'GET').Count | Should -Be 0
        (Get-Revocation).Count | Should -Be 0
    }

    It 'refuses external users before any revocation: a Get-AadUser guest without any request, a named guest after its lookup' {
        $guest = New-Guest
        $object = Get-AadUser -UserPrincipalName $guest
        Clear-EmulatorRequest -Emulator $Emulator
        $results = @($object | Revoke-AadUserSignInSession -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ExternalUserSessionsNotManaged,$RevokeId"
        "$($errs[0])" | Should -Match 'home tenant'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0

        $results = @($guest, "AdeleV@$Tenant" | Revoke-AadUserSignInSession -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.UserPrincipalName | Should -Be "AdeleV@$Tenant"
        $errs.FullyQualifiedErrorId | Should -Be "ExternalUserSessionsNotManaged,$RevokeId"
        $errs[0].TargetObject | Should -Be $guest
        @(Get-EmulatorRequest -Emulator $Emulator -Method POST).key | Should -Be $results[0].Id
    }

    It 'gives each user the role may not act on its own PermissionDenied error, revokes the others, and counts the refusals' {
        $refused = @($Synthetic[1], $Synthetic[4])
        Set-EmulatorFault -Emulator $Emulator -Rule @(New-EmulatorFaultRule -Fault 403 -Operation revokeSignInSessions -User $refused) | Out-Null
        $results = @($Synthetic[0..5] | Revoke-AadUserSignInSession -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)
        $results.Count | Should -Be 4
        @($errs.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be "PermissionDenied,$RevokeId"
        @($errs.TargetObject | Sort-Object) | Should -Be @($refused | Sort-Object)
        "$($errs[0])" | Should -Match "Revoking the sign-in sessions of '.+' failed"
        "$($errs[0])" | Should -Match 'User\.RevokeSessions\.All'
        "$warn" | Should -Match '2 revocations were refused with 403'
    }

    It 'stops with one SessionRevocationPermissionMissing error before any request when the token cannot revoke' {
        Connect-TestGraph -Emulator $Emulator
        { $Synthetic[0..4] | Revoke-AadUserSignInSession -Force } | Should -Throw -ErrorId "SessionRevocationPermissionMissing,$RevokeId"
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'revokes a user named twice once; the later input gets DuplicateInput' {
        $adele = Get-AadUser -UserPrincipalName "AdeleV@$Tenant"
        $results = @("AdeleV@$Tenant", $adele.Id | Revoke-AadUserSignInSession -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $errs.FullyQualifiedErrorId | Should -Be "DuplicateInput,$RevokeId"
        (Get-EmulatorSessionRevocation -Emulator $Emulator -Key $adele.Id).revokedCount | Should -Be 1
    }
}
