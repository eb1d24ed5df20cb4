BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Connecting' {
    AfterEach { Disconnect-AadGraph }

    It 'fails with one terminating NotConnected error that names Connect-AadGraph when not connected' -TestCases @(
        @{ Command = { Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force } }
        @{ Command = { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } }
        @{ Command = { "AlexW@$Tenant", "AdeleV@$Tenant" | Reset-AadUserPassword -Force } }
    ) {
        Disconnect-AadGraph
        $caught = $null
        try { & $Command } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^NotConnected,'
        $caught.Exception.Message | Should -Match 'Connect-AadGraph'
    }

    It 'forgets the connection on Disconnect-AadGraph' {
        Connect-TestGraph -Emulator $Emulator
        Get-AadUser -UserPrincipalName "AlexW@$Tenant" | Should -Not -BeNullOrEmpty
        Disconnect-AadGraph
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
    }

    It 'refuses plain http to a host that is not loopback' {
        $token = New-EmulatorToken -Emulator $Emulator
        { Connect-AadGraph -AccessToken $token -GraphEndpoint 'http://graph.contoso.com' } |
            Should -Throw -ErrorId 'InvalidConnectionSettings,PasswordReset.Commands.ConnectAadGraphCommand'
    }

    It 'stops at the first 401 with one terminating AuthenticationError, instead of one error per user' {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims @{ lifetimeSeconds = -300 }) -GraphEndpoint $Emulator.BaseUri -WarningVariable warn -WarningAction SilentlyContinue
        "$($warn[0])" | Should -Match 'expired'
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        try { "AlexW@$Tenant", "AdeleV@$Tenant", "DiegoS@$Tenant" | Reset-AadUserPassword -Force } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.Exception.Message | Should -Match 'InvalidAuthenticationToken'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 1   # the one $batch, refused as a whole
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'AuthenticationFailed,PasswordReset.Commands.GetAadUserCommand'
    }

    It 'refuses an empty access token at connect' {
        { Connect-AadGraph -AccessToken (New-Object System.Security.SecureString) -GraphEndpoint $Emulator.BaseUri } |
            Should -Throw -ErrorId 'InvalidConnectionSettings,PasswordReset.Commands.ConnectAadGraphCommand'
    }

    It 'keeps the connection per runspace' {
        Connect-TestGraph -Emulator $Emulator
        $manifest = $ModuleManifest
        $other = Start-ThreadJob { Import-Module $using:manifest; try { Get-AadUser -UserPrincipalName 'x@y' -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId } } | Receive-Job -Wait -AutoRemoveJob
        $other | Should -Match '^NotConnected,'
        Get-AadUser -UserPrincipalName "AlexW@$Tenant" | Should -Not -BeNullOrEmpty
    }
}
