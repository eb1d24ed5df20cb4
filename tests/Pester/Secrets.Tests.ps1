BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'No secret in any stream' {
    It 'never writes a generated password or the token to Verbose, Debug, Warning, Information or error output' {
        $answer = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}
        $token = $answer.access_token
        $supplied = 'Supplied-Secret-42x'

        $streams = & {
            # Preferences rather than -Debug: -Debug may turn into Inquire, which prompts.
            $DebugPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $InformationPreference = 'Continue'
            Connect-AadGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $Emulator.BaseUri
            "AlexW@$Tenant", "nobody@$Tenant", "DiegoS@$Tenant" | Reset-AadUserPassword -Force -ErrorAction Continue
            Get-AadUser -Filter "department eq 'Finance'" | Reset-AadUserPassword -Force
            Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword (ConvertTo-SecureString $supplied -AsPlainText -Force) -Force
            Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword (ConvertTo-SecureString 'Password123!' -AsPlainText -Force) -Force -ErrorAction Continue
            try { Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -NewPassword (ConvertTo-SecureString 'weakweak' -AsPlainText -Force) -Force -ErrorAction Stop } catch { $_ }
            Get-AadUser -Top 3
        } *>&1

        $results = @($streams | Where-Object { $_ -is [PasswordReset.PasswordResetResult] })
        $passwords = @($results.TemporaryPassword | Where-Object { $_ }) + $supplied + 'Password123!' + 'weakweak'
        $results.Count | Should -Be 7
        $others = @($streams | Where-Object { $_ -isnot [PasswordReset.PasswordResetResult] -and $_ -isnot [PasswordReset.AadUser] })
        @($others | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 3
        @($others | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 5

        $text = foreach ($record in $others) {
            $record.ToString()
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.Exception.ToString()
                $record.ErrorDetails.Message
                $record.ErrorDetails.RecommendedAction
                $record.CategoryInfo.ToString()
                "$($record.TargetObject)"
            }
        }
        $joined = $text -join "`n"
        $joined | Should -Not -BeNullOrEmpty
        foreach ($secret in $passwords + $token) {
            $joined.Contains($secret) | Should -BeFalse -Because 'a secret must never reach a stream'
        }
    }
}

# A per-user error's target object is the input as given, but its text is never repeated: a row carries every column,
# and a CSV of earlier results (Export-Csv of Reset-AadUserPassword) carries TemporaryPassword.
Describe 'No input row''s text in error output: <_>' -ForEach 'Get-AadUser', 'Reset-AadUserPassword' {
    BeforeAll {
        $script:Cmd = $_
        $script:FullId = @{ 'Get-AadUser' = 'PasswordReset.Commands.GetAadUserCommand'; 'Reset-AadUserPassword' = 'PasswordReset.Commands.ResetAadUserPasswordCommand' }[$_]
        $script:RowSecret = 'Row-Secret-9x!'
        function Get-ErrorText([System.Management.Automation.ErrorRecord] $Record) {
            $ErrorView = 'NormalView'
            ($Record.ToString(), $Record.Exception.ToString(), $Record.ErrorDetails.Message, $Record.CategoryInfo.ToString(), ($Record | Out-String)) -join "`n"
        }
    }

    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }

    It 'names the user, not the row, when Graph refuses a row (a result row piped back in, its user gone)' {
        $gone = '00000000-0000-0000-0000-000000000001'
        $row = [pscustomobject]@{ Id = $gone; UserPrincipalName = "AlexW@$Tenant"; TemporaryPassword = $RowSecret }
        $splat = if ($Cmd -eq 'Reset-AadUserPassword') { @{ Force = $true } } else { @{} }
        $out = @($row | & $Cmd @splat -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "UserNotFound,$FullId"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        [object]::ReferenceEquals($errs[0].TargetObject, $row) | Should -BeTrue
        $errs[0].CategoryInfo.TargetName | Should -Be $gone
        (Get-ErrorText $errs[0]).Contains($RowSecret) | Should -BeFalse
        @(Get-EmulatorRequest -Emulator $Emulator | ForEach-Object { "$($_.method) $($_.key)" }) | Should -Be @("GET $gone")
    }

    It 'does not show a row that names no user in the category info' {
        $row = [pscustomobject]@{ Mail = "alexw@$Tenant"; Password = $RowSecret }
        $splat = if ($Cmd -eq 'Reset-AadUserPassword') { @{ Force = $true } } else { @{} }
        $out = @($row | & $Cmd @splat -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$FullId"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        [object]::ReferenceEquals($errs[0].TargetObject, $row) | Should -BeTrue
        (Get-ErrorText $errs[0]).Contains($RowSecret) | Should -BeFalse
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }
}

Describe 'No endpoint query in error output' {
    AfterEach { Disconnect-AadGraph }

    It 'refuses an endpoint with a query without repeating it: <Parameter>' -TestCases @(
        @{ Parameter = 'GraphEndpoint'; Value = 'https://graph.example.com/?sig=Query-S3cret'; Target = 'https://graph.example.com/' }
        @{ Parameter = 'AuthorityHost'; Value = 'https://login.example.com/?sig=Query-S3cret'; Target = $null }
    ) {
        Connect-TestGraph -Emulator $Emulator
        Clear-EmulatorRequest -Emulator $Emulator
        $splat = if ($Parameter -eq 'GraphEndpoint') { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator) } }
        else { @{ TenantId = 'contoso.onmicrosoft.com'; ClientSecretCredential = [pscredential]::new('22222222-2222-2222-2222-222222222222', (ConvertTo-SecureString 'x' -AsPlainText -Force)) } }
        $splat[$Parameter] = $Value
        $caught = $null
        try { Connect-AadGraph @splat -WarningAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'InvalidConnectionSettings,PasswordReset.Commands.ConnectAadGraphCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be $Target
        "$caught | $($caught.Exception) | $($caught.ErrorDetails) | $($caught.CategoryInfo)" | Should -Not -Match 'Query-S3cret'
        Get-AadGraphContext | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }
}
