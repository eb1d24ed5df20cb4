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
