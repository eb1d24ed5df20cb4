# One test per "Module behaviour" bullet of the Graph fidelity issue, each against the emulator over HTTP,
# asserting the exact requests the emulator received (or that none was sent) and the exact error id/category/target.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    $script:ResetId = 'PasswordReset.Commands.ResetAadUserPasswordCommand'
    $script:GetId = 'PasswordReset.Commands.GetAadUserCommand'
    # Directory role template ids (sample-tenant README §D).
    $script:Roles = @{
        Helpdesk           = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
        UserAdministrator  = 'fe930be7-5e62-47db-91af-98c3a49a38b1'
        PrivilegedAuthAdmin = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13'
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Graph fidelity: module behaviour' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }

    Context 'identity values' {
        It 'refuses empty, white-space and control-character identities before any call, and never lists users' -TestCases @(
            @{ Value = '' }, @{ Value = '   ' }, @{ Value = "adele`t@$Tenant" }, @{ Value = "adele`n@$Tenant" }
        ) {
            $errs = $null
            $out = @(Reset-AadUserPassword -UserPrincipalName $Value -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be $Value
            @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        }

        It 'refuses dot-segment identities, which would address the whole collection' -TestCases @(@{ Value = '.' }, @{ Value = '..' }) {
            $null = Reset-AadUserPassword -UserPrincipalName $Value -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $null = Get-AadUser -Id $Value -ErrorVariable +errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$ResetId"
            $errs[1].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$GetId"
            @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        }

        It 'refuses a $null identity from the pipeline and an empty -Id' {
            $null | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            [pscustomobject]@{ Id = ''; UserPrincipalName = '' } | Reset-AadUserPassword -Force -ErrorVariable +errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs[1].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$ResetId"
            @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        }

        It 'refuses empty values on Get-AadUser without listing the tenant' {
            { Get-AadUser -UserPrincipalName '' -ErrorAction Stop } | Should -Throw
            { Get-AadUser -Filter '' -ErrorAction Stop } | Should -Throw
            { Get-AadUser -Search ' ' -ErrorAction Stop } | Should -Throw -ErrorId "InvalidQuery,$GetId"
            @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        }
    }

    Context 'encoding' {
        It 'addresses #EXT#, $ and apostrophe UPNs in a documented form, encoded once' -TestCases @(
            @{ Upn = "a_contoso.com#EXT#@M365x214355.onmicrosoft.com"; Raw = '/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com' }
            @{ Upn = "`$AdeleVance@M365x214355.onmicrosoft.com"; Raw = "/v1.0/users(userPrincipalName='%24AdeleVance%40M365x214355.onmicrosoft.com')" }
            @{ Upn = "Ciara.O'Neil@M365x214355.onmicrosoft.com"; Raw = '/v1.0/users/Ciara.O%27Neil%40M365x214355.onmicrosoft.com' }
        ) {
            $user = Get-AadUser -UserPrincipalName $Upn
            $user.UserPrincipalName | Should -Be $Upn
            $request = (Get-EmulatorRequest -Emulator $Emulator)[0]
            $request.rawPath | Should -Be $Raw
            $request.key | Should -Be $Upn
        }

        It 'passes a -Filter with doubled apostrophes through to the right user' {
            $users = @(Get-AadUser -Filter "userPrincipalName eq 'Ciara.O''Neil@$Tenant'")
            $users.Count | Should -Be 1
            $users[0].UserPrincipalName | Should -Be "Ciara.O'Neil@$Tenant"
        }
    }

    Context '-Search and advanced queries' {
        It 'searches each word in displayName, mail and userPrincipalName with ConsistencyLevel: eventual' {
            $users = @(Get-AadUser -Search 'Adele')
            $users.UserPrincipalName | Should -Contain "AdeleV@$Tenant"
            $request = (Get-EmulatorRequest -Emulator $Emulator)[0]
            $request.headers.ConsistencyLevel | Should -Be 'eventual'
            [uri]::UnescapeDataString($request.query) | Should -Match ([regex]::Escape('$search="displayName:Adele" OR "mail:Adele" OR "userPrincipalName:Adele"'))
        }

        It 'passes Graph $search syntax through when it contains a double quote' {
            $users = @(Get-AadUser -Search '"displayName:Megan"')
            $users.UserPrincipalName | Should -Be @("MeganB@$Tenant")
        }

        It 'sends ne, not and endsWith filters as advanced queries, so Graph accepts them' -TestCases @(
            @{ Filter = "department ne 'Finance'" }
            @{ Filter = "not(startswith(displayName,'A'))" }
            @{ Filter = "endsWith(mail,'@M365x214355.onmicrosoft.com')" }
        ) {
            $users = @(Get-AadUser -Filter $Filter -All -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $users.Count | Should -BeGreaterThan 0
            $request = (Get-EmulatorRequest -Emulator $Emulator)[0]
            $request.status | Should -Be 200
            $request.headers.ConsistencyLevel | Should -Be 'eventual'
            [uri]::UnescapeDataString($request.query) | Should -Match '\$count=true'
        }
    }

    Context 'named outcomes per user' {
        It 'says "not found" with ObjectNotFound, Graph''s code and the request-id' {
            $null = Reset-AadUserPassword -UserPrincipalName "ghost@$Tenant" -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "UserNotFound,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be "ghost@$Tenant"
            $errs[0].Exception.Message | Should -Match 'Request_ResourceNotFound'
            $errs[0].Exception.Message | Should -Match (Get-EmulatorRequest -Emulator $Emulator)[0].requestId
            @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 0
        }

        It 'says both causes of a 403 when a Helpdesk Administrator resets a Global Administrator' {
            Connect-TestGraph -Emulator $Emulator -Claims @{ scp = 'User.Read.All User-PasswordProfile.ReadWrite.All'; wids = @($Roles.Helpdesk) }
            $null = Reset-AadUserPassword -UserPrincipalName "admin@$Tenant" -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
            $errs.Count | Should -Be 1
            @($warn).Count | Should -Be 1 -Because 'one closing warning counts the resets refused with 403'
            $errs[0].FullyQualifiedErrorId | Should -Be "PermissionDenied,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $errs[0].TargetObject | Should -Be "admin@$Tenant"
            $errs[0].Exception.Message | Should -Match 'Authorization_RequestDenied'
            $errs[0].Exception.Message | Should -Match (Get-EmulatorRequest -Emulator $Emulator -Method PATCH)[0].requestId
            $errs[0].ErrorDetails.Message | Should -Match 'User-PasswordProfile.ReadWrite.All'
            $errs[0].ErrorDetails.Message | Should -Match 'Privileged Authentication Administrator'
        }

        It 'stops before any request, with one terminating error, when the token has no reset permission' {
            Connect-TestGraph -Emulator $Emulator -Claims @{ roles = @('User.Read.All') } 3>$null # its warning: no reset permission
            $upns = 'AdeleV', 'AlexW', 'DiegoS', 'GradyA', 'HenriettaM', 'IsaiahL', 'JohannaL' | ForEach-Object { "$_@$Tenant" }
            $caught = $null
            try { $upns | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be "PasswordResetPermissionMissing,$ResetId"
            $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $caught.Exception.Message | Should -Match 'User-PasswordProfile.ReadWrite.All'
            @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        }

        It 'stops before any request when the token lists only directory roles that cannot reset passwords' {
            Connect-TestGraph -Emulator $Emulator -Claims @{ scp = 'User.Read.All User-PasswordProfile.ReadWrite.All'; wids = @('88d8e3e3-8f55-4a1e-953a-9b9898b8876b') }
            { "AlexW@$Tenant" | Reset-AadUserPassword -Force } | Should -Throw -ErrorId "PasswordResetPermissionMissing,$ResetId"
            @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        }

        It 'tries every target of a Helpdesk admin: each admin it may not reset is its own 403 error, everyone else is reset, and a warning counts them' {
            Connect-TestGraph -Emulator $Emulator -Claims @{ scp = 'User.Read.All User-PasswordProfile.ReadWrite.All'; wids = @($Roles.Helpdesk) }
            $admins = "admin@$Tenant", "AllanD@$Tenant", "NestorW@$Tenant", "`$AdeleVance@$Tenant"
            $users = 'AlexW', 'DiegoS', 'GradyA', 'HenriettaM', 'IsaiahL' | ForEach-Object { "$_@$Tenant" }
            $results = @($admins + $users | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)
            @($results.UserPrincipalName | Sort-Object) | Should -Be @($users | Sort-Object)
            $errs.Count | Should -Be 4
            $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "PermissionDenied,$ResetId" }
            @($errs.TargetObject | Sort-Object) | Should -Be @($admins | Sort-Object)
            "$warn" | Should -Match '4 resets were refused with 403'
            @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 9
        }

        It 'says password writeback is needed for a synced user when writeback is off' {
            Invoke-EmulatorControl -Emulator $Emulator -Path settings -Method POST -Body @{ passwordWriteback = $false } | Out-Null
            $null = Reset-AadUserPassword -UserPrincipalName "kakers@$Tenant" -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "SyncedUserWritebackRequired,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be "kakers@$Tenant"
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'password writeback'
            (Get-EmulatorUser -Emulator $Emulator -Key "kakers@$Tenant").passwordResetCount | Should -Be 0
        }

        It 'resets a synced user when writeback is on, with a warning that it is written back' {
            $result = Reset-AadUserPassword -UserPrincipalName "kakers@$Tenant" -Force -WarningVariable warn -WarningAction SilentlyContinue
            $result.OnPremisesSyncEnabled | Should -BeTrue
            $warn.Count | Should -Be 1
            "$($warn[0])" | Should -Match 'written back on-premises'
            (Get-EmulatorUser -Emulator $Emulator -Key "kakers@$Tenant").passwordProfile.password | Should -BeExactly $result.TemporaryPassword
        }

        It 'refuses a guest before any PATCH: the password is reset in the home tenant' -TestCases @(
            @{ Upn = "a_contoso.com#EXT#@M365x214355.onmicrosoft.com" }
            @{ Upn = "AdeleV_adatum.com#EXT#@M365x214355.onmicrosoft.com" }
        ) {
            $null = Reset-AadUserPassword -UserPrincipalName $Upn -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "ExternalUserPasswordNotManaged,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be $Upn
            $errs[0].Exception.Message | Should -Match 'home tenant'
            @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 0
        }

        It 'refuses a guest piped from Get-AadUser without any request' {
            $guest = Get-AadUser -UserPrincipalName "contoso1_gmail.com#EXT#@$Tenant"
            Clear-EmulatorRequest -Emulator $Emulator
            $null = $guest | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "ExternalUserPasswordNotManaged,$ResetId"
            @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        }

        It 'says the password changes at the identity provider for a user of a federated domain' {
            Invoke-EmulatorControl -Emulator $Emulator -Path settings -Method POST -Body @{ federatedDomains = @('fabrikamfed.com') } | Out-Null
            $null = Invoke-EmulatorControl -Emulator $Emulator -Path users -Method POST -Body @{
                userPrincipalName = 'ferris@fabrikamfed.com'; displayName = 'Ferris Federated'; accountEnabled = $true; userType = 'Member'
            }
            $null = Reset-AadUserPassword -UserPrincipalName 'ferris@fabrikamfed.com' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "FederatedUserPasswordNotManaged,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be 'ferris@fabrikamfed.com'
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'identity provider'
        }

        It 'regenerates a generated password the tenant rejects, once, and reports a second rejection' {
            Invoke-EmulatorControl -Emulator $Emulator -Path settings -Method POST -Body @{ rejectNextPasswords = 1 } | Out-Null
            $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force
            $patches = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH)
            $patches.Count | Should -Be 2
            $patches[0].status | Should -Be 400
            $patches[1].status | Should -Be 204
            (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").passwordProfile.password | Should -BeExactly $result.TemporaryPassword

            Clear-EmulatorRequest -Emulator $Emulator
            Invoke-EmulatorControl -Emulator $Emulator -Path settings -Method POST -Body @{ rejectNextPasswords = 2 } | Out-Null
            $null = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "PasswordRejected,$ResetId"
            @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 2
        }

        It 'reports an admin-supplied password the tenant rejects, without retrying' {
            $banned = ConvertTo-SecureString 'Welcome123!' -AsPlainText -Force
            $null = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword $banned -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "PasswordRejected,$ResetId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be "AlexW@$Tenant"
            @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 1
        }
    }

    Context 'SDK errors' {
        It 'never surfaces a bare "ODataError was thrown": status, code, message and request-id reach the admin' {
            $null = Get-AadUser -Filter "contains(displayName,'a')" -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $message = $errs[0].Exception.Message
            $message | Should -Not -Match 'ODataError'
            $message | Should -Match '^Graph answered 400 Request_UnsupportedQuery: .+\(request-id: [0-9a-f-]{36}\)$'
            $errs[0].FullyQualifiedErrorId | Should -Be "GraphBadRequest,$GetId"
        }

        It 'treats 204 with no body as success' {
            $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force
            $result | Should -Not -BeNullOrEmpty
            (Get-EmulatorRequest -Emulator $Emulator -Method PATCH)[0].status | Should -Be 204
        }
    }
}
