BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
}

AfterAll {
    Stop-GraphEmulator -Emulator $Emulator
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

    It 'gets an AuthenticationError from Graph''s 401 with an expired token' {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims @{ lifetimeSeconds = -300 }) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        $null = Get-AadUser -UserPrincipalName "AlexW@$Tenant" -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,PasswordReset.Commands.GetAadUserCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errs[0].Exception.Message | Should -Match 'InvalidAuthenticationToken'
    }

    It 'keeps the connection per runspace' {
        Connect-TestGraph -Emulator $Emulator
        $manifest = $ModuleManifest
        $other = Start-ThreadJob { Import-Module $using:manifest; try { Get-AadUser -UserPrincipalName 'x@y' -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId } } | Receive-Job -Wait -AutoRemoveJob
        $other | Should -Match '^NotConnected,'
        Get-AadUser -UserPrincipalName "AlexW@$Tenant" | Should -Not -BeNullOrEmpty
    }
}
