BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    Connect-TestGraph -Emulator $Emulator
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Reset-AadUserPassword' {
    BeforeEach { Reset-Emulator -Emulator $Emulator }

    It 'resets one user by UPN; the temporary password is what the emulator stored and must be changed' {
        $upn = "AdeleV@$Tenant"
        $result = @(Reset-AadUserPassword -UserPrincipalName $upn -Force)

        $result.Count | Should -Be 1
        $result[0].PSObject.TypeNames[0] | Should -Be 'PasswordReset.PasswordResetResult'
        $result[0].UserPrincipalName | Should -Be $upn
        $result[0].DisplayName | Should -Be 'Adele Vance'
        $result[0].TemporaryPassword | Should -Not -BeNullOrEmpty
        $result[0].RequestId | Should -Match '^[0-9a-f-]{36}$'
        $result[0].ResetTime.Offset | Should -Be ([TimeSpan]::Zero)

        $stored = Get-EmulatorUser -Emulator $Emulator -Key $upn
        $stored.passwordProfile.password | Should -BeExactly $result[0].TemporaryPassword
        $stored.passwordProfile.forceChangePasswordNextSignIn | Should -BeTrue
        $stored.passwordProfile.forceChangePasswordNextSignInWithMfa | Should -BeFalse

        $patch = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH)
        $patch.Count | Should -Be 1
        $patch[0].key | Should -Be $stored.id
        $patch[0].body.passwordProfile.password | Should -Be '***REDACTED***'
        $patch[0].body.passwordProfile.forceChangePasswordNextSignIn | Should -BeTrue
        $patch[0].body.passwordProfile.forceChangePasswordNextSignInWithMfa | Should -BeFalse
    }

    It 'sends forceChangePasswordNextSignIn false when asked, and it is stored' {
        $upn = "AlexW@$Tenant"
        $result = Reset-AadUserPassword -UserPrincipalName $upn -ForceChangePasswordNextSignIn:$false -Force
        $result.ForceChangePasswordNextSignIn | Should -BeFalse
        (Get-EmulatorUser -Emulator $Emulator -Key $upn).passwordProfile.forceChangePasswordNextSignIn | Should -BeFalse
        $patch = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH)
        $patch[0].body.passwordProfile.PSObject.Properties.Name | Should -Contain 'forceChangePasswordNextSignIn'
        $patch[0].body.passwordProfile.forceChangePasswordNextSignIn | Should -BeFalse
    }

    It 'stores forceChangePasswordNextSignInWithMfa true with -ForceChangePasswordNextSignInWithMfa' {
        $upn = "AlexW@$Tenant"
        $result = Reset-AadUserPassword -UserPrincipalName $upn -ForceChangePasswordNextSignInWithMfa -Force
        $result.ForceChangePasswordNextSignInWithMfa | Should -BeTrue
        $stored = Get-EmulatorUser -Emulator $Emulator -Key $upn
        $stored.passwordProfile.forceChangePasswordNextSignInWithMfa | Should -BeTrue
        $stored.passwordProfile.forceChangePasswordNextSignIn | Should -BeTrue
    }

    It 'resets exactly the Finance users, each once, from Get-AadUser -Filter' {
        $results = @(Get-AadUser -Filter "department eq 'Finance'" | Reset-AadUserPassword -Force -WarningVariable warn -WarningAction SilentlyContinue)
        $results.UserPrincipalName | Sort-Object | Should -Be ($FinanceUpns | Sort-Object)
        "$warn" | Should -Match "'jnunez@$Tenant' is synced" -Because 'the synced Finance user is written back on-premises'

        $financeIds = $FinanceUpns | ForEach-Object { (Get-EmulatorUser -Emulator $Emulator -Key $_).id }
        $patched = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).key
        $patched.Count | Should -Be $FinanceUpns.Count
        $patched | Sort-Object | Should -Be ($financeIds | Sort-Object)
        foreach ($r in $results) {
            (Get-EmulatorUser -Emulator $Emulator -Key $r.Id).passwordProfile.password | Should -BeExactly $r.TemporaryPassword
        }
        # The Get-AadUser objects carry everything: no lookup GET per user.
        @(Get-EmulatorRequest -Emulator $Emulator -Method GET).Count | Should -Be 1
    }

    It 'binds Import-Csv rows with a UserPrincipalName column' {
        $csv = Join-Path $TestDrive 'upn.csv'
        "UserPrincipalName`nAlexW@$Tenant`nDiegoS@$Tenant" | Set-Content $csv
        $results = @(Import-Csv $csv | Reset-AadUserPassword -Force)
        # Results come as resets complete: output order may differ from input order.
        @($results.UserPrincipalName | Sort-Object) | Should -Be @("AlexW@$Tenant", "DiegoS@$Tenant")
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 2
    }

    It 'uses the Id when a row has both Id and UserPrincipalName' {
        $alex = Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant"
        $csv = Join-Path $TestDrive 'both.csv'
        # The UPN column names another user on purpose: the immutable Id must win.
        "Id,UserPrincipalName`n$($alex.id),DiegoS@$Tenant" | Set-Content $csv
        $results = @(Import-Csv $csv | Reset-AadUserPassword -Force -Verbose -WarningVariable warn -WarningAction SilentlyContinue 4>&1)
        $verbose = @($results | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $results = @($results | Where-Object { $_ -is [PasswordReset.PasswordResetResult] })
        $results.Count | Should -Be 1
        $results[0].Id | Should -Be $alex.id
        # What the admin is told names the user that is really reset, and the mismatch is called out.
        $verbose[0].Message | Should -Be "Resetting the password of '$($alex.id) (given as DiegoS@$Tenant)'."
        $warn.Count | Should -Be 1
        "$($warn[0])" | Should -Match "object id $($alex.id) belongs to 'AlexW@$Tenant'"
        (Get-EmulatorUser -Emulator $Emulator -Key $alex.id).passwordResetCount | Should -Be 1
        (Get-EmulatorUser -Emulator $Emulator -Key "DiegoS@$Tenant").passwordResetCount | Should -Be 0
        $get = @(Get-EmulatorRequest -Emulator $Emulator -Method GET)
        $get[0].key | Should -Be $alex.id
    }

    It 'binds plain strings from the pipeline' {
        $results = @("AlexW@$Tenant", "DiegoS@$Tenant" | Reset-AadUserPassword -Force)
        $results.Count | Should -Be 2
        (Get-EmulatorUser -Emulator $Emulator -Key "DiegoS@$Tenant").passwordProfile.password | Should -BeExactly ($results | Where-Object UserPrincipalName -EQ "DiegoS@$Tenant").TemporaryPassword
    }

    It 'takes an object id in braces or upper case, as other tools print it, and sends the canonical form' {
        $diego = Get-EmulatorUser -Emulator $Emulator -Key "DiegoS@$Tenant"
        $result = Reset-AadUserPassword -Id ('{' + $diego.id.ToUpperInvariant() + '}') -Force
        $result.Id | Should -Be $diego.id
        @(Get-EmulatorRequest -Emulator $Emulator -Method GET).key | Should -Be $diego.id
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).key | Should -Be $diego.id
    }

    It 'cannot be handed a hand-made or edited AadUser: no other user is ever reset through one' {
        $megan = Get-EmulatorUser -Emulator $Emulator -Key "MeganB@$Tenant"
        { [PasswordReset.AadUser]@{ Id = $megan.id; UserPrincipalName = "AdeleV@$Tenant" } } | Should -Throw
        { [PasswordReset.PasswordResetResult]@{ Id = $megan.id } } | Should -Throw
        $adele = Get-AadUser -UserPrincipalName "AdeleV@$Tenant"
        { $adele.Id = $megan.id } | Should -Throw
        # A copy is another object: looked up by its Id like any input, and the mismatch is called out.
        $copy = $adele | Select-Object *
        $copy.Id = $megan.id
        Clear-EmulatorRequest -Emulator $Emulator
        $result = $copy | Reset-AadUserPassword -Force -WarningVariable warn -WarningAction SilentlyContinue
        $result.UserPrincipalName | Should -Be "MeganB@$Tenant"
        "$warn" | Should -Match 'immutable object id was used'
        @(Get-EmulatorRequest -Emulator $Emulator -Method GET).key | Should -Be $megan.id
        (Get-EmulatorUser -Emulator $Emulator -Key "AdeleV@$Tenant").passwordResetCount | Should -Be 0
    }

    It 'binds objects with only an Id property' {
        $diego = Get-EmulatorUser -Emulator $Emulator -Key "DiegoS@$Tenant"
        $results = @([pscustomobject]@{ Id = $diego.id } | Reset-AadUserPassword -Force)
        $results.Count | Should -Be 1
        $results[0].UserPrincipalName | Should -Be "DiegoS@$Tenant"
        (Get-EmulatorUser -Emulator $Emulator -Key $diego.id).passwordProfile.password | Should -BeExactly $results[0].TemporaryPassword
    }

    It 'sends no request at all with -WhatIf' {
        # In a runspace without a host, so the "What if:" lines stay out of the test output.
        $out = Invoke-WithoutHost -Emulator $Emulator -Script 'param($Upn) Reset-AadUserPassword -UserPrincipalName $Upn -WhatIf' -ArgumentList "AlexW@$Tenant"
        $out | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        # -Force does not override -WhatIf.
        Invoke-WithoutHost -Emulator $Emulator -Script 'param($Upn) Reset-AadUserPassword -UserPrincipalName $Upn -Force -WhatIf' -ArgumentList "AlexW@$Tenant" | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 0
    }

    It 'resets the user whose UPN has an apostrophe' {
        $upn = "Ciara.O'Neil@$Tenant"
        $result = Reset-AadUserPassword -UserPrincipalName $upn -Force
        $result.UserPrincipalName | Should -Be $upn
        $stored = Get-EmulatorUser -Emulator $Emulator -Key $upn
        $stored.passwordProfile.password | Should -BeExactly $result.TemporaryPassword
        (Get-EmulatorRequest -Emulator $Emulator -Method GET)[0].rawPath | Should -Match "Ciara\.O%27Neil%40"
    }

    It 'resets the user whose UPN begins with $ through the documented key form' {
        $upn = "`$AdeleVance@$Tenant"
        $result = Reset-AadUserPassword -UserPrincipalName $upn -Force
        $result.UserPrincipalName | Should -Be $upn
        (Get-EmulatorUser -Emulator $Emulator -Key $upn).passwordProfile.password | Should -BeExactly $result.TemporaryPassword
        (Get-EmulatorRequest -Emulator $Emulator -Method GET)[0].rawPath | Should -Match "users\(userPrincipalName='%24AdeleVance%40"
    }

    It 'writes a non-terminating ObjectNotFound error for an unknown UPN and goes on' {
        $unknown = "nobody@$Tenant"
        $errs = $null
        $results = @($unknown, "AlexW@$Tenant" | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 1
        $results[0].UserPrincipalName | Should -Be "AlexW@$Tenant"
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $unknown
        $requestId = (Get-EmulatorRequest -Emulator $Emulator -Method GET | Where-Object key -EQ $unknown).requestId
        $errs[0].Exception.Message | Should -Match 'Request_ResourceNotFound'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($requestId))
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 1
    }

    It 'refuses a -NewPassword that breaks the policy before sending anything' {
        $weak = ConvertTo-SecureString 'short' -AsPlainText -Force
        { Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword $weak -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'NewPasswordNotCompliant,PasswordReset.Commands.ResetAadUserPasswordCommand'
        try { Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword $weak -Force -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match '8 to 256'
        $err.Exception.Message | Should -Not -Match 'short'
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'reports a banned -NewPassword as InvalidArgument from Graph''s 400 and changes nothing' {
        $before = Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant"
        $banned = ConvertTo-SecureString 'Password123!' -AsPlainText -Force
        $results = @(Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword $banned -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PasswordRejected,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -Match 'Request_BadRequest'
        $after = Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant"
        $after.passwordResetCount | Should -Be $before.passwordResetCount
        $after.passwordProfile.password | Should -Be $before.passwordProfile.password
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 1
    }

    It 'sets an admin-supplied -NewPassword and returns no TemporaryPassword' {
        $plain = 'Tr1cky-Horse-Battery'
        $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword (ConvertTo-SecureString $plain -AsPlainText -Force) -Force
        $result.TemporaryPassword | Should -BeNullOrEmpty
        (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").passwordProfile.password | Should -BeExactly $plain
    }

    It 'refuses empty and control-character identities without calling Graph' {
        $results = @('   ', "bad`u{0007}name@$Tenant", "AlexW@$Tenant" | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InvalidUserIdentity,PasswordReset.Commands.ResetAadUserPasswordCommand' }
        $errs | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 2   # GET + PATCH for AlexW only
    }

    It 'refuses piped objects that carry no identity, without sending anything' {
        $results = @([pscustomobject]@{ Foo = 1 }, [pscustomobject]@{ UserPrincipalName = $null; Id = $null } |
            Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InvalidUserIdentity,PasswordReset.Commands.ResetAadUserPasswordCommand' }
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'refuses a list where one identity is expected, and invisible characters' {
        $null = [pscustomobject]@{ UserPrincipalName = @("AlexW@$Tenant", "DiegoS@$Tenant") } | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUserIdentity,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $null = Reset-AadUserPassword -UserPrincipalName "Alex`u{200B}W@$Tenant" -Force -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -Be 'InvalidUserIdentity,PasswordReset.Commands.ResetAadUserPasswordCommand'
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'refuses contradictory parameters before sending anything' -TestCases @(
        @{ Splat = @{ NewPassword = (ConvertTo-SecureString 'Tr1cky-Horse-Battery' -AsPlainText -Force); PasswordLength = 12 } }
        @{ Splat = @{ ForceChangePasswordNextSignIn = $false; ForceChangePasswordNextSignInWithMfa = $true } }
    ) {
        { Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force @Splat -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterConflict,PasswordReset.Commands.ResetAadUserPasswordCommand'
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'generates passwords of -PasswordLength characters' {
        $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -PasswordLength 40 -Force
        $result.TemporaryPassword.Length | Should -Be 40
    }

    It 'says to use -Force when the session cannot ask for confirmation (<Mode>), and sends nothing' -TestCases @(
        @{ Mode = '-NonInteractive'; Arguments = @('-NonInteractive') }
        @{ Mode = 'input at end of file'; Arguments = @() }
    ) {
        $script = Join-Path $TestDrive 'confirm.ps1'
        @"
param(`$Manifest, `$Endpoint)
Import-Module `$Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString `$env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint `$Endpoint
try { Reset-AadUserPassword -UserPrincipalName 'AlexW@$Tenant'; 'reset' }
catch { "caught: `$(`$_.FullyQualifiedErrorId) | `$(`$_.CategoryInfo.Category) | `$(`$_.TargetObject)"; "advice: `$(`$_.ErrorDetails.RecommendedAction)" }
"@ | Set-Content -LiteralPath $script
        $token = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile') + $Arguments + @('-File', $script, $ModuleManifest, $Emulator.BaseUri)) { $start.ArgumentList.Add($a) }
        $start.Environment['AADGRAPH_TEST_TOKEN'] = $token.access_token
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardInput = $true
        $start.UseShellExecute = $false
        Clear-EmulatorRequest -Emulator $Emulator
        $process = [System.Diagnostics.Process]::Start($start)
        $process.StandardInput.Close()   # nobody will ever answer
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $process.WaitForExit(60000) | Should -BeTrue
        $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
        $lines | Should -Not -Contain 'reset'
        # The prompt itself is printed (on the same line when nobody answers); then the module's error.
        $stdout.Result | Should -Match ([regex]::Escape("caught: ConfirmationUnavailable,PasswordReset.Commands.ResetAadUserPasswordCommand | InvalidOperation | AlexW@$Tenant"))
        ($lines -match '^advice: ') | Should -Match '-Force'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").passwordResetCount | Should -Be 0
    }
}
