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

    It 'leaves no connection, old or new, when a warning at connect becomes an error (-WarningAction Stop)' {
        Connect-TestGraph -Emulator $Emulator
        $readOnly = New-EmulatorToken -Emulator $Emulator -Claims @{ roles = @('User.Read.All') }
        { Connect-AadGraph -AccessToken $readOnly -GraphEndpoint $Emulator.BaseUri -WarningAction Stop 3>$null } | Should -Throw
        Get-AadGraphContext | Should -BeNullOrEmpty
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
    }

    It 'leaves no connection, old or new, when Connect-AadGraph fails (<Name>)' -TestCases @(
        @{ Name = 'a warning made an error'; Id = 'ActionPreferenceStop'; Category = 'OperationStopped'
            Splat = { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator -Claims @{ roles = @('User.Read.All') }); GraphEndpoint = $Emulator.BaseUri; WarningAction = 'Stop' } } }
        @{ Name = 'plain http off loopback'; Id = 'InvalidConnectionSettings'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator); GraphEndpoint = 'http://graph.contoso.com' } } }
        @{ Name = 'a token with a line break inside'; Id = 'InvalidConnectionSettings'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = (ConvertTo-SecureString "header.payload`r`nX-Injected: 1" -AsPlainText -Force); GraphEndpoint = $Emulator.BaseUri } } }
        @{ Name = 'an empty token'; Id = 'InvalidConnectionSettings'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = [System.Security.SecureString]::new(); GraphEndpoint = $Emulator.BaseUri } } }
        @{ Name = 'binding: an endpoint with a password in it'; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'
            Splat = { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator); GraphEndpoint = 'https://admin:S3cret-Pa55@graph.example.com' } } }
        @{ Name = 'binding: a token given as plain text'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = 'plain-text-token'; GraphEndpoint = $Emulator.BaseUri } } }
        @{ Name = 'binding: an unknown cloud'; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator); GraphEndpoint = $Emulator.BaseUri; Environment = 'Mars' } } }
        @{ Name = 'binding: an empty tenant'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'
            Splat = { @{ TenantId = ''; ClientSecretCredential = [pscredential]::new('app', (ConvertTo-SecureString 'x' -AsPlainText -Force)) } } }
        @{ Name = 'binding: a mandatory parameter missing'; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'
            Splat = { @{ ClientSecretCredential = [pscredential]::new('app', (ConvertTo-SecureString 'x' -AsPlainText -Force)) } } }
        @{ Name = 'binding: parameters of two sign-in modes'; Id = 'AmbiguousParameterSet'; Category = 'InvalidArgument'
            Splat = { @{ AccessToken = (New-EmulatorToken -Emulator $Emulator); UseDeviceCode = $true } } }
    ) {
        Connect-TestGraph -Emulator $Emulator
        (Get-AadGraphContext).TenantId | Should -Not -BeNullOrEmpty
        $parameters = & $Splat
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        # Its warnings (the token's missing permission, the closed previous connection) stay out of the test output.
        try { Connect-AadGraph @parameters 3>$null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be "$Id,PasswordReset.Commands.ConnectAadGraphCommand"
        $caught.CategoryInfo.Category | Should -Be $Category
        Get-AadGraphContext | Should -BeNullOrEmpty
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'leaves no connection, old or new, when <Switches> makes a line at connect a prompt, which fails in a non-interactive session' -TestCases @(
        @{ Switches = '-Debug' }                  # the first Verbose line prompts
        @{ Switches = '-WarningAction Inquire' }  # the warning that the token is not a JWT prompts
    ) {
        . (Join-Path $PSScriptRoot 'BulkHelpers.ps1')
        $script = Join-Path $TestDrive 'prompt-connect.ps1'
        @"
param(`$Manifest, `$Endpoint)
Import-Module `$Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString `$env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint `$Endpoint
"before: `$([bool](Get-AadGraphContext))"
try { Connect-AadGraph -AccessToken (ConvertTo-SecureString 'opaque-token-value' -AsPlainText -Force) -GraphEndpoint `$Endpoint $Switches; 'connected' }
catch { "caught: `$(`$_.FullyQualifiedErrorId) | `$(`$_.CategoryInfo.Category) | `$(`$_.Exception.GetType().Name)"; "message: `$(`$_.Exception.Message)" }
"after: `$([bool](Get-AadGraphContext))"
try { Get-AadUser -UserPrincipalName 'AlexW@M365x214355.onmicrosoft.com' -ErrorAction Stop; 'read' } catch { "read: `$(`$_.FullyQualifiedErrorId)" }
"@ | Set-Content -LiteralPath $script
        Clear-EmulatorRequest -Emulator $Emulator
        $child = Start-ModuleChild -Script $script -Emulator $Emulator
        $child.Process.WaitForExit(60000) | Should -BeTrue
        $lines = @($child.Stdout.Result -split "`r?`n" | Where-Object { $_ })
        $lines | Should -Contain 'before: True'
        $lines | Should -Not -Contain 'connected'
        $lines | Should -Contain 'caught: InvalidOperation,PasswordReset.Commands.ConnectAadGraphCommand | InvalidOperation | PSInvalidOperationException'
        ($lines -match '^message: ') | Should -Be 'message: PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.'
        $lines | Should -Contain 'after: False'
        $lines | Should -Contain 'read: NotConnected,PasswordReset.Commands.GetAadUserCommand'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'keeps the connection when Connect-AadGraph is only tab-completed or asked for help' {
        Connect-TestGraph -Emulator $Emulator
        $line = 'Connect-AadGraph -AccessToken $token -GraphEndpoint https://graph.example.com -Environment '
        $completions = [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null)
        $completions.CompletionMatches.CompletionText | Should -Contain 'USGov'
        $null = [System.Management.Automation.CommandCompletion]::CompleteInput('Connect-AadGraph -Env', 21, $null)
        $null = Connect-AadGraph -?
        $null = Get-Help Connect-AadGraph -Full
        (Get-AadGraphContext).TenantId | Should -Not -BeNullOrEmpty
    }

    It 'takes a token read from a file with its trailing newline, and resets with it' {
        $plain = (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token
        $file = Join-Path $TestDrive 'token.txt'
        Set-Content -LiteralPath $file -Value $plain   # Set-Content adds the newline Get-Content -Raw keeps
        Connect-AadGraph -AccessToken (ConvertTo-SecureString (Get-Content -LiteralPath $file -Raw) -AsPlainText -Force) -GraphEndpoint $Emulator.BaseUri
        Clear-EmulatorRequest -Emulator $Emulator
        (Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force).UserPrincipalName | Should -Be "AlexW@$Tenant"
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH | Where-Object status -EQ 204).Count | Should -Be 1
    }

    It 'refuses a token with a line break inside it before any request, without echoing it' {
        $plain = (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        try { Connect-AadGraph -AccessToken (ConvertTo-SecureString ($plain + "`r`nX-Injected: 1") -AsPlainText -Force) -GraphEndpoint $Emulator.BaseUri } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'InvalidConnectionSettings,PasswordReset.Commands.ConnectAadGraphCommand'
        "$caught $($caught.Exception)" | Should -Not -Match ([regex]::Escape($plain.Substring(0, 20)))
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'warns that a token which is not a JWT cannot be inspected' {
        Connect-AadGraph -AccessToken (ConvertTo-SecureString 'opaque-token-value' -AsPlainText -Force) -GraphEndpoint $Emulator.BaseUri -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -Match 'not a JWT'
    }

    It 'refuses an endpoint with a password in it, or a malformed one, without ever repeating it (<Parameter>)' -TestCases @(
        @{ Parameter = 'GraphEndpoint'; Value = 'https://admin:S3cret-Pa55@graph.example.com' }
        @{ Parameter = 'GraphEndpoint'; Value = 'https://admin:S3cret-Pa55@[not a host' }
        @{ Parameter = 'AuthorityHost'; Value = 'https://admin:S3cret-Pa55@login.example.com' }
    ) {
        $token = New-EmulatorToken -Emulator $Emulator
        Clear-EmulatorRequest -Emulator $Emulator
        $splat = @{ AccessToken = $token; $Parameter = $Value }
        if ($Parameter -eq 'AuthorityHost') { $splat.GraphEndpoint = $Emulator.BaseUri }
        $caught = $null
        try { Connect-AadGraph @splat } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $text = "$caught | $($caught.Exception) | $($caught.ErrorDetails) | $($caught.TargetObject) | $($caught.CategoryInfo)"
        $text | Should -Not -Match 'S3cret'
        Get-AadGraphContext | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'forgets the connection on Disconnect-AadGraph' {
        Connect-TestGraph -Emulator $Emulator
        Get-AadUser -UserPrincipalName "AlexW@$Tenant" | Should -Not -BeNullOrEmpty
        Disconnect-AadGraph
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
    }

    It 'warns about a token for another cloud, but not when -GraphEndpoint says where requests go' {
        $token = New-EmulatorToken -Emulator $Emulator   # aud: https://graph.microsoft.com
        Connect-AadGraph -AccessToken $token -Environment USGov -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -Match 'not for https://graph.microsoft.us'
        Connect-AadGraph -AccessToken $token -Environment USGov -GraphEndpoint $Emulator.BaseUri -WarningVariable warn2 -WarningAction SilentlyContinue
        "$warn2" | Should -Not -Match 'not for'
        Disconnect-AadGraph
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

# Issue 8, case 1, every failure path: a connect that fails for any reason leaves no connection, old or new — the
# previous tenant's connection must never go on silently. Each test connects first, fails a second connect, and checks
# that nothing is connected and that no Graph request was sent.
Describe 'Connecting: all or nothing' {
    BeforeAll {
        $script:ConnectId = 'PasswordReset.Commands.ConnectAadGraphCommand'
        # Runs $Connect in a fresh `pwsh -NonInteractive` (so a prompt fails however this suite is run) that is connected
        # first; reports the failed connect's error and what is connected afterwards. $second is a second valid token.
        function Invoke-FreshSession {
            param([Parameter(Mandatory, Position = 0)][scriptblock] $Connect, [string] $UserHome)
            $script = 'Import-Module $env:PR_TEST_MODULE
                $first = ConvertTo-SecureString $env:PR_TEST_TOKEN_A -AsPlainText -Force
                $second = ConvertTo-SecureString $env:PR_TEST_TOKEN_B -AsPlainText -Force
                Connect-AadGraph -AccessToken $first -GraphEndpoint $env:PR_TEST_URL
                $caught = $null
                try { ' + $Connect.ToString() + ' } catch { $caught = $_ }
                $after = $null
                try { Get-AadUser -UserPrincipalName "AlexW@M365x214355.onmicrosoft.com" -ErrorAction Stop } catch { $after = $_.FullyQualifiedErrorId }
                [pscustomobject]@{
                    Id = $caught.FullyQualifiedErrorId; Category = "$($caught.CategoryInfo.Category)"; Target = $caught.TargetObject
                    Message = $caught.Exception.Message; Connected = $null -ne (Get-AadGraphContext); After = $after
                } | ConvertTo-Json -Compress'
            $tokens = 1..2 | ForEach-Object { (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token }
            Clear-EmulatorRequest -Emulator $Emulator
            $saved = @{}
            $set = @{ PR_TEST_MODULE = $ModuleManifest; PR_TEST_URL = $Emulator.BaseUri; PR_TEST_TOKEN_A = $tokens[0]; PR_TEST_TOKEN_B = $tokens[1] }
            if ($UserHome) { $set.HOME = $UserHome }
            foreach ($name in $set.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $set[$name]) }
            try {
                $json = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script 2>$null | Select-Object -Last 1
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
            $json | ConvertFrom-Json
        }

        function Assert-NothingConnected {
            Get-AadGraphContext | Should -BeNullOrEmpty
            { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
            @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
        }
    }

    BeforeEach {
        Connect-TestGraph -Emulator $Emulator
        Clear-EmulatorRequest -Emulator $Emulator
    }

    AfterEach { Disconnect-AadGraph }

    It 'leaves none when a Verbose line at connect becomes an error ($VerbosePreference = ''Stop'')' {
        $other = New-EmulatorToken -Emulator $Emulator
        $caught = $null
        try { & { $VerbosePreference = 'Stop'; Connect-AadGraph -AccessToken $other -GraphEndpoint $Emulator.BaseUri } } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "ActionPreferenceStop,$ConnectId"
        $caught.CategoryInfo.Category | Should -Be 'OperationStopped'
        $caught.TargetObject | Should -BeNullOrEmpty
        Assert-NothingConnected
    }

    It 'leaves none when -Debug makes a Verbose line a prompt that a non-interactive session cannot show' {
        $outcome = Invoke-FreshSession {
            Connect-AadGraph -AccessToken $second -GraphEndpoint $env:PR_TEST_URL -Debug
        }
        $outcome.Id | Should -Be "InvalidOperation,$ConnectId"
        $outcome.Category | Should -Be 'InvalidOperation'
        $outcome.Target | Should -BeNullOrEmpty
        $outcome.Connected | Should -BeFalse
        $outcome.After | Should -Be 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'leaves none when the connect is stopped during sign-in (Ctrl+C, PowerShell.Stop())' {
        # An authority that accepts the TCP connection and never answers: sign-in hangs until the stop.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $shell = [powershell]::Create()
        try {
            $port = $listener.LocalEndpoint.Port
            $null = $shell.AddScript({
                    param($module, $token, $url)
                    Import-Module $module
                    Connect-AadGraph -AccessToken $token -GraphEndpoint $url
                    (Get-AadGraphContext).TenantId
                }).AddArgument($ModuleManifest).AddArgument((New-EmulatorToken -Emulator $Emulator)).AddArgument($Emulator.BaseUri)
            @($shell.Invoke()).Count | Should -Be 1   # connected in that runspace
            $shell.Commands.Clear()
            $secret = [pscredential]::new('22222222-2222-2222-2222-222222222222', (ConvertTo-SecureString 'not-a-real-secret' -AsPlainText -Force))
            $null = $shell.AddScript({
                    param($credential, $authority)
                    Connect-AadGraph -TenantId 'contoso.onmicrosoft.com' -ClientSecretCredential $credential -AuthorityHost $authority
                }).AddArgument($secret).AddArgument("https://127.0.0.1:$port")
            $pending = $shell.BeginInvoke()
            # Stop only once the sign-in reached the network (the authority's connection is waiting to be accepted).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not $listener.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $listener.Pending() | Should -BeTrue
            $shell.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $pending.IsCompleted | Should -BeTrue
            $shell.Commands.Clear()
            $null = $shell.AddScript({
                    $context = Get-AadGraphContext
                    try { Get-AadUser -UserPrincipalName 'AlexW@M365x214355.onmicrosoft.com' -ErrorAction Stop; 'sent' } catch { $_.FullyQualifiedErrorId }
                    $null -eq $context
                })
            $after = @($shell.Invoke())
            $after | Should -Be @('NotConnected,PasswordReset.Commands.GetAadUserCommand', $true)
        }
        finally {
            $shell.Dispose()
            $listener.Stop()
        }
        # The session this test runs in keeps its own connection: runspaces do not share one.
        Get-AadGraphContext | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'leaves none, with InvalidConnectionSettings, when no certificate store exists yet (a fresh account or container)' {
        $home0 = Join-Path $TestDrive 'fresh-home'
        New-Item -ItemType Directory -Path $home0 | Out-Null
        $outcome = Invoke-FreshSession -UserHome $home0 {
            Connect-AadGraph -TenantId 'contoso.onmicrosoft.com' -ClientId '22222222-2222-2222-2222-222222222222' -CertificateThumbprint 'AB12' -WarningAction SilentlyContinue
        }
        $outcome.Id | Should -Be "InvalidConnectionSettings,$ConnectId"
        $outcome.Category | Should -Be 'InvalidArgument'
        $outcome.Target | Should -BeNullOrEmpty
        $outcome.Message | Should -Match 'No certificate with a private key and thumbprint AB12 was found'
        $outcome.Connected | Should -BeFalse
        $outcome.After | Should -Be 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }
}

# The context an admin is shown is the connection's own record: a script cannot edit it, so it can neither send the next
# requests elsewhere (the batch endpoint was read from it) nor change what the permission and journal checks read.
Describe 'The connection context' {
    AfterAll { Disconnect-AadGraph }

    It 'cannot be edited, and requests go where the connect said: <Property>' -TestCases @(
        @{ Property = 'GraphEndpoint'; Value = [uri]'https://graph.microsoft.com/v1.0' }
        @{ Property = 'TenantId'; Value = '11111111-1111-1111-1111-111111111111' }
        @{ Property = 'Scopes'; Value = [string[]]@('User-PasswordProfile.ReadWrite.All') }
    ) {
        Connect-TestGraph -Emulator $Emulator
        $context = Get-AadGraphContext
        $before = "$($context.$Property)"
        { $context.$Property = $Value } | Should -Throw
        "$((Get-AadGraphContext).$Property)" | Should -Be $before
        Clear-EmulatorRequest -Emulator $Emulator
        (Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force).UserPrincipalName | Should -Be "AlexW@$Tenant"
        $alex = (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").id
        @(Get-EmulatorRequest -Emulator $Emulator | ForEach-Object { "$($_.method) $($_.key)" }) | Sort-Object | Should -Be @("GET AlexW@$Tenant", "PATCH $alex")
    }
}
