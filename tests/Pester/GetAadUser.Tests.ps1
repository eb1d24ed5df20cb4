BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # 42 sample users + 2,458 synthetic = 2,500.
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '2458'
    Connect-TestGraph -Emulator $Emulator
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Get-AadUser' {
    BeforeEach { Clear-EmulatorRequest -Emulator $Emulator }

    It 'returns every one of 2,500 users exactly once across pages with -All' {
        $users = @(Get-AadUser -All -PageSize 999)
        $users.Count | Should -Be 2500
        @($users.Id | Sort-Object -Unique).Count | Should -Be 2500
        $gets = @(Get-EmulatorRequest -Emulator $Emulator -Method GET)
        $gets.Count | Should -Be 3
        $gets[1].query | Should -Match 'skiptoken'
    }

    It 'always $selects the properties its objects carry' {
        $user = Get-AadUser -UserPrincipalName "AdeleV@$Tenant"
        $user.PSObject.TypeNames[0] | Should -Be 'PasswordReset.AadUser'
        $user.DisplayName | Should -Be 'Adele Vance'
        $user.AccountEnabled | Should -BeTrue
        $user.UserType | Should -Be 'Member'
        $query = [uri]::UnescapeDataString((Get-EmulatorRequest -Emulator $Emulator)[0].query)
        foreach ($p in 'id', 'userPrincipalName', 'displayName', 'mail', 'accountEnabled', 'userType', 'department', 'onPremisesSyncEnabled') {
            $query | Should -Match "\b$p\b"
        }
    }

    It 'finds a guest by its #EXT# UPN (the right user)' {
        $upn = "a_contoso.com#EXT#@$Tenant"
        $user = Get-AadUser -UserPrincipalName $upn
        $user.Id | Should -Be 'cc6f6567-3cb6-4e7a-b850-3d0e2de37026'
        $user.UserType | Should -Be 'Guest'
        (Get-EmulatorRequest -Emulator $Emulator)[0].rawPath | Should -Match '%23EXT%23'
    }

    It 'gets users by -Id, and by UPN from the pipeline' {
        (Get-AadUser -Id 'cc6f6567-3cb6-4e7a-b850-3d0e2de37026').UserPrincipalName | Should -Be "a_contoso.com#EXT#@$Tenant"
        $users = @("AdeleV@$Tenant", "AlexW@$Tenant" | Get-AadUser)
        $users.UserPrincipalName | Should -Be @("AdeleV@$Tenant", "AlexW@$Tenant")
    }

    It 'writes a non-terminating ObjectNotFound error for an unknown UPN' {
        $users = @("nobody@$Tenant", "AdeleV@$Tenant" | Get-AadUser -ErrorVariable errs -ErrorAction SilentlyContinue)
        $users.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,PasswordReset.Commands.GetAadUserCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be "nobody@$Tenant"
    }

    It 'passes -Filter through and returns only matching users' {
        $users = @(Get-AadUser -Filter "department eq 'Finance'")
        $users.UserPrincipalName | Sort-Object | Should -Be ($FinanceUpns | Sort-Object)
    }

    It 'caps the total with -Top, following pages when needed' {
        @(Get-AadUser -Top 5 -WarningVariable warn).Count | Should -Be 5
        $warn.Count | Should -Be 0
        Clear-EmulatorRequest -Emulator $Emulator
        @(Get-AadUser -Top 150 -PageSize 100).Count | Should -Be 150
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 2
    }

    It 'returns the first page only and warns when more exist, without -All' {
        $users = @(Get-AadUser -WarningVariable warn -WarningAction SilentlyContinue)
        $users.Count | Should -Be 100
        $warn.Count | Should -Be 1
    }

    It 'adds -Property values as properties' {
        $user = Get-AadUser -UserPrincipalName "kakers@$Tenant" -Property onPremisesSamAccountName, passwordPolicies
        $user.OnPremisesSamAccountName | Should -Not -BeNullOrEmpty
        $user.PasswordPolicies | Should -Be 'DisablePasswordExpiration'
        $user.OnPremisesSyncEnabled | Should -BeTrue
    }

    It 'refuses a white-space -Filter before calling Graph' {
        { Get-AadUser -Filter '   ' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidQuery,PasswordReset.Commands.GetAadUserCommand'
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }
}
