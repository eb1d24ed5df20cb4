# Issue 8, case 5: a run fails fast only when nothing can succeed. The token's claims decide before any request;
# otherwise every target is tried, each 403 is that user's own error, and a closing warning counts them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    $script:ResetId = 'PasswordReset.Commands.ResetAadUserPasswordCommand'
    # Directory role template ids (graph-facts.md §1, PasswordResetRoles.cs).
    $script:Roles = @{
        PasswordAdministrator = '966707d0-3269-4727-9be2-8c3a10f19b9d'
        HelpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
        UserAdministrator     = 'fe930be7-5e62-47db-91af-98c3a49a38b1'
        GlobalAdministrator   = '62e90394-69f5-4237-9190-012177145e10'
        DirectoryReaders      = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'
    }
    $script:ResetScopes = 'User.Read.All User-PasswordProfile.ReadWrite.All'

    # 60 synthetic users: the first 30 become admins a Password Administrator may not reset (10 each of Helpdesk, User
    # and Global Administrator), the other 30 stay ordinary users.
    function script:New-TargetUsers {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users/synthetic' -Method POST -Body @{ count = 60 }
        $users = @(Get-EmulatorPassword -Emulator $Emulator | Where-Object userPrincipalName -Like 'synthetic*' | Sort-Object userPrincipalName)
        $users.Count | Should -Be 60
        $admins = @($users | Select-Object -First 30)
        $ordinary = @($users | Select-Object -Skip 30)
        $null = Add-EmulatorRoleMember -Emulator $Emulator -RoleTemplateId $Roles.HelpdeskAdministrator -UserId $admins[0..9].id
        $null = Add-EmulatorRoleMember -Emulator $Emulator -RoleTemplateId $Roles.UserAdministrator -UserId $admins[10..19].id
        $null = Add-EmulatorRoleMember -Emulator $Emulator -RoleTemplateId $Roles.GlobalAdministrator -UserId $admins[20..29].id
        [pscustomobject]@{ Admins = $admins; Ordinary = $ordinary }
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'A run stops only when nothing can succeed (issue 8, case 5)' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        $script:Targets = New-TargetUsers
        Clear-EmulatorRequest -Emulator $Emulator
    }

    It 'a Password Administrator resets all 30 ordinary users after 30 admins, with one PermissionDenied error per admin and a warning counting them' {
        Connect-TestGraph -Emulator $Emulator -Claims @{ scp = $ResetScopes; wids = @($Roles.PasswordAdministrator) }
        $adminUpns = @($Targets.Admins.userPrincipalName)
        $ordinaryUpns = @($Targets.Ordinary.userPrincipalName)

        $results = @($adminUpns + $ordinaryUpns | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)

        # All 30 ordinary users reset, each with the password Graph now holds.
        @($results.UserPrincipalName | Sort-Object) | Should -Be @($ordinaryUpns | Sort-Object)
        $stored = @{}
        foreach ($row in Get-EmulatorPassword -Emulator $Emulator -Changed) { $stored[$row.id] = $row }
        @($stored.Keys | Sort-Object) | Should -Be @($Targets.Ordinary.id | Sort-Object)
        foreach ($result in $results) {
            $stored[$result.Id].password | Should -BeExactly $result.TemporaryPassword
            $stored[$result.Id].changeCount | Should -Be 1
        }

        # One non-terminating PermissionDenied error per admin, with that input as its target.
        $errs.Count | Should -Be 30
        foreach ($err in $errs) {
            $err.FullyQualifiedErrorId | Should -Be "PermissionDenied,$ResetId"
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.TargetObject | Should -BeOfType [string]
        }
        @($errs.TargetObject | Sort-Object) | Should -Be @($adminUpns | Sort-Object)

        # One closing warning counts the 403s.
        $counting = @($warn | Where-Object { "$_" -match 'resets were refused with 403' })
        $counting.Count | Should -Be 1
        "$($counting[0])" | Should -Match '^30 resets were refused with 403'

        # Exactly what the emulator received (inner $batch requests count): one lookup per input, 30 PATCHes that
        # reset the ordinary users, 30 PATCHes refused with 403 for the admins, nothing else.
        $requests = @(Get-EmulatorRequest -Emulator $Emulator)
        $gets = @($requests | Where-Object method -EQ 'GET')
        $patches = @($requests | Where-Object method -EQ 'PATCH')
        ($gets.Count + $patches.Count) | Should -Be $requests.Count
        $gets.Count | Should -Be 60
        @($gets | Where-Object status -NE 200).Count | Should -Be 0
        @($gets.key | Sort-Object) | Should -Be @($adminUpns + $ordinaryUpns | Sort-Object)
        $patches.Count | Should -Be 60
        @($patches | Where-Object status -EQ 204 | ForEach-Object key | Sort-Object) | Should -Be @($Targets.Ordinary.id | Sort-Object)
        @($patches | Where-Object status -EQ 403 | ForEach-Object key | Sort-Object) | Should -Be @($Targets.Admins.id | Sort-Object)
        @($requests | Where-Object { $null -eq $_.batchSequence }).Count | Should -Be 0 -Because 'every request went inside a $batch'
    }

    It 'stops before any request with one PermissionDenied error when the token cannot reset anyone (<Name>)' -TestCases @(
        @{ Name = 'delegated, no reset scope'; Claims = @{ scp = 'User.Read.All'; wids = @('966707d0-3269-4727-9be2-8c3a10f19b9d') }; Says = 'User-PasswordProfile.ReadWrite.All' }
        @{ Name = 'app, no reset permission'; Claims = @{ roles = @('User.Read.All'); wids = @('fe930be7-5e62-47db-91af-98c3a49a38b1') }; Says = 'User-PasswordProfile.ReadWrite.All' }
        @{ Name = 'delegated, reset scope and only Directory Readers'; Claims = @{ scp = 'User.Read.All User-PasswordProfile.ReadWrite.All'; wids = @('88d8e3e3-8f55-4a1e-953a-9b9898b8876b') }; Says = 'none that may reset passwords' }
    ) {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims $Claims) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        $inputs = @($Targets.Ordinary.userPrincipalName) + @($Targets.Admins.userPrincipalName)
        $caught = $null
        $results = [System.Collections.Generic.List[object]]::new()
        try { $inputs | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue | ForEach-Object { $results.Add($_) } } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be "PasswordResetPermissionMissing,$ResetId"
        $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $caught.TargetObject | Should -BeNullOrEmpty
        $caught.Exception.Message | Should -Match $Says
        $caught.Exception.Message | Should -Match 'Nothing was sent'
        @($errs).Count | Should -Be 1
        $results.Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        @(Get-EmulatorPassword -Emulator $Emulator -Changed).Count | Should -Be 0
    }

    It 'tries every target when a delegated token lists no directory role (a role scoped to an administrative unit is not in wids): each 403 is its own error' {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims @{ scp = $ResetScopes }) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        $inputs = @($Targets.Ordinary | Select-Object -First 3)
        Clear-EmulatorRequest -Emulator $Emulator
        $results = @($inputs.userPrincipalName | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)
        $results.Count | Should -Be 0
        @($errs).Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "PermissionDenied,$ResetId" }
        @($errs.TargetObject | Sort-Object) | Should -Be @($inputs.userPrincipalName | Sort-Object)
        "$warn" | Should -Match '3 resets were refused with 403'
        $patches = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH)
        @($patches | Where-Object status -EQ 403 | ForEach-Object key | Sort-Object) | Should -Be @($inputs.id | Sort-Object)
    }
}
