# Connect-AadGraph through Azure.Identity for real: the emulator is the identity provider over HTTPS (a CA made by
# tests/New-TestCertificates.ps1, trusted through SSL_CERT_FILE by build.ps1), verifies secrets and client assertions,
# and issues the tokens Graph then enforces.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Certs = $env:PASSWORDRESET_TEST_CERTS
    if (-not $Certs -or -not (Test-Path (Join-Path $Certs 'server.pfx'))) { throw 'Run through build.ps1 Test: it makes the test certificates and sets SSL_CERT_FILE.' }
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '200', '--https-cert', (Join-Path $Certs 'server.pfx'), '--https-cert-password', 'test'
    $script:Base = $Emulator.BaseUri
    $script:TenantId = 'dcd219dd-bc68-4b9b-bf0b-4a33a796be35'
    $script:UserAdmin = 'fe930be7-5e62-47db-91af-98c3a49a38b1'
    $script:Secret = 'S3cret-' + [guid]::NewGuid().ToString('N')
    $script:SecretApp = [guid]::NewGuid().ToString()
    $script:CertApp = [guid]::NewGuid().ToString()
    $script:ReadOnlyApp = [guid]::NewGuid().ToString()
    $cer = [Convert]::ToBase64String([IO.File]::ReadAllBytes((Join-Path $Certs 'app1.cer')))
    $writer = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All')
    foreach ($app in @(
            @{ clientId = $SecretApp; clientSecret = $Secret; roles = $writer; wids = @($UserAdmin); displayName = 'Reset automation (secret)' }
            @{ clientId = $CertApp; certificates = @($cer); roles = $writer; wids = @($UserAdmin); displayName = 'Reset automation (certificate)' }
            @{ clientId = $ReadOnlyApp; clientSecret = $Secret; roles = @('User.Read.All'); wids = @($UserAdmin); displayName = 'Reader' }
        )) { $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'apps' -Method POST -Body $app }

    function script:New-SecretCredential([string] $ClientId, [string] $PlainSecret) {
        [pscredential]::new($ClientId, (ConvertTo-SecureString $PlainSecret -AsPlainText -Force))
    }
    $script:Common = @{ GraphEndpoint = $Base; AuthorityHost = $Base; TenantId = $TenantId }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Connect-AadGraph through Azure.Identity' {
    BeforeEach { Reset-Emulator -Emulator $Emulator }
    AfterEach { Disconnect-AadGraph }

    It 'signs in with a client secret and resets a user' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $Secret)
        $context = Get-AadGraphContext
        $context.TenantId | Should -Be $TenantId
        $context.ClientId | Should -Be $SecretApp
        $context.AuthType | Should -Be 'ClientSecret'
        $context.TokenType | Should -Be 'AppOnly'
        $context.Roles | Should -Contain 'User-PasswordProfile.ReadWrite.All'
        $context.GraphEndpoint | Should -Be "$Base/v1.0"
        $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force
        (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").passwordProfile.password | Should -BeExactly $result.TemporaryPassword
        $issued = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued') | ForEach-Object { $_ } | Where-Object clientId -EQ $SecretApp
        $issued[-1].credential | Should -Be 'secret'
    }

    It 'signs in with a certificate given as <Kind>' -TestCases @(
        @{ Kind = 'an object'; Splat = { @{ Certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $Certs 'app1.pfx'), 'test') } } }
        @{ Kind = 'a PFX path'; Splat = { @{ CertificatePath = (Join-Path $Certs 'app1.pfx'); CertificatePassword = (ConvertTo-SecureString 'test' -AsPlainText -Force) } } }
        @{ Kind = 'a PEM path'; Splat = { @{ CertificatePath = (Join-Path $Certs 'app1.pem') } } }
    ) {
        $extra = & $Splat
        Connect-AadGraph @Common -ClientId $CertApp @extra
        (Get-AadGraphContext).AuthType | Should -Be 'Certificate'
        $result = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force
        (Get-EmulatorUser -Emulator $Emulator -Key "AlexW@$Tenant").passwordProfile.password | Should -BeExactly $result.TemporaryPassword
        $issued = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued') | ForEach-Object { $_ } | Where-Object clientId -EQ $CertApp
        $issued[-1].credential | Should -Be 'certificate'
    }

    It 'signs in with a certificate from CurrentUser\My by thumbprint and by subject name' {
        $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $Certs 'app1.pfx'), 'test',
            [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::PersistKeySet -bor [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
        $store.Open('ReadWrite')
        try {
            $store.Add($cert)
            Connect-AadGraph @Common -ClientId $CertApp -CertificateThumbprint $cert.Thumbprint
            (Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force).TemporaryPassword | Should -Not -BeNullOrEmpty
            Disconnect-AadGraph
            Connect-AadGraph @Common -ClientId $CertApp -CertificateSubjectName $cert.Subject
            (Reset-AadUserPassword -UserPrincipalName "DiegoS@$Tenant" -Force).TemporaryPassword | Should -Not -BeNullOrEmpty
        }
        finally {
            $store.Remove($cert)
            $store.Close()
        }
    }

    It 'gives a clear authentication error for a wrong secret, without the secret' {
        $wrong = 'Wrong-' + [guid]::NewGuid().ToString('N')
        $caught = $null
        try { Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $wrong) } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'SignInFailed,PasswordReset.Commands.ConnectAadGraphCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.Exception.Message | Should -Match 'AADSTS7000215'
        $caught.Exception.ToString().Contains($wrong) | Should -BeFalse
        Get-AadGraphContext | Should -BeNullOrEmpty
    }

    It 'gives a clear authentication error for an assertion signed by an unregistered certificate' {
        $caught = $null
        try { Connect-AadGraph @Common -ClientId $CertApp -CertificatePath (Join-Path $Certs 'rogue.pfx') -CertificatePassword (ConvertTo-SecureString 'test' -AsPlainText -Force) } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'SignInFailed,PasswordReset.Commands.ConnectAadGraphCommand'
        $caught.Exception.Message | Should -Match 'AADSTS700027'
    }

    It 'completes 200 resets while the emulator revokes the token half-way, by fetching a fresh one' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $Secret)
        $emulator = $Emulator
        $results = @(Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999 |
            ForEach-Object -Begin { $n = 0 } -Process {
                $n++
                if ($n -eq 100) { Invoke-EmulatorControl -Emulator $emulator -Path 'tokens/revoke' -Method POST -Body @{ all = $true } | Out-Null }
                $_
            } | Reset-AadUserPassword -Force -ErrorVariable errs)
        $results.Count | Should -Be 200
        $errs.Count | Should -Be 0
        $issued = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued') | ForEach-Object { $_ } | Where-Object clientId -EQ $SecretApp
        $issued.Count | Should -BeGreaterOrEqual 2
        $issued[-1].claimsParameter | Should -BeTrue
        # The revoked token is refused on the outer $batch of each batch then in flight (at most -ThrottleLimit, 8); each is
        # sent again with a fresh token, and no inner request ever sees the revoked one.
        $refused = @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch | Where-Object { $_.status -eq 401 })
        $refused.Count | Should -BeGreaterOrEqual 1
        $refused.Count | Should -BeLessOrEqual 8
        $refused | ForEach-Object { $_.path | Should -Match '\$batch$' }
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH | Where-Object status -EQ 204).Count | Should -Be 200
    }

    It 'stops a read-only app before any reset with one error naming the permission, and still reads users' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $ReadOnlyApp $Secret) -WarningAction SilentlyContinue
        (Get-AadUser -UserPrincipalName "AlexW@$Tenant").UserPrincipalName | Should -Be "AlexW@$Tenant"
        $caught = $null
        try { 'AdeleV', 'AlexW', 'DiegoS', 'GradyA', 'HenriettaM', 'IsaiahL' | ForEach-Object { "$_@$Tenant" } | Reset-AadUserPassword -Force -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'PasswordResetPermissionMissing,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $caught.Exception.Message | Should -Match 'User-PasswordProfile.ReadWrite.All'
        @($errs).Count | Should -Be 1
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 0
    }

    It 'signs in from the AZURE_* environment variables' {
        $saved = @{}
        foreach ($name in 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            $env:AZURE_TENANT_ID = $TenantId; $env:AZURE_CLIENT_ID = $SecretApp; $env:AZURE_CLIENT_SECRET = $Secret
            Connect-AadGraph -EnvironmentVariable -GraphEndpoint $Base -AuthorityHost $Base
            (Get-AadGraphContext).AuthType | Should -Be 'EnvironmentVariables'
            (Get-AadGraphContext).ClientId | Should -Be $SecretApp
            (Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force).TemporaryPassword | Should -Not -BeNullOrEmpty
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    It 'keeps two runspaces connected to two tenants apart' {
        $tenantB = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'tenants' -Method POST -Body @{ tenantId = $tenantB; domain = 'fabrikam.onmicrosoft.com'; synthetic = 5 }
        $appB = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'apps' -Method POST -Body @{ clientId = $appB; tenantId = $tenantB; clientSecret = $Secret; roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All'); wids = @($UserAdmin) }
        $jobs = @(
            @{ Tenant = $TenantId; App = $SecretApp; Filter = "startswith(userPrincipalName,'synthetic')" }
            @{ Tenant = $tenantB; App = $appB; Filter = "startswith(userPrincipalName,'synthetic')" }
        )
        $manifest = $ModuleManifest; $base = $Base; $secret = $Secret
        $results = $jobs | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:manifest
            $credential = [pscredential]::new($_.App, (ConvertTo-SecureString $using:secret -AsPlainText -Force))
            Connect-AadGraph -TenantId $_.Tenant -ClientSecretCredential $credential -GraphEndpoint $using:base -AuthorityHost $using:base
            $tenant = (Get-AadGraphContext).TenantId
            Get-AadUser -Filter $_.Filter -Top 5 | Reset-AadUserPassword -Force | Select-Object Id, UserPrincipalName, @{ n = 'Tenant'; e = { $tenant } }
        }
        $a = @($results | Where-Object Tenant -EQ $TenantId)
        $b = @($results | Where-Object Tenant -EQ $tenantB)
        $a.Count | Should -Be 5
        $b.Count | Should -Be 5
        $b.UserPrincipalName | ForEach-Object { $_ | Should -Match '@fabrikam\.onmicrosoft\.com$' }
        $a.UserPrincipalName | ForEach-Object { $_ | Should -Match "@$([regex]::Escape($Tenant))$" }
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 5
        $inB = Invoke-RestMethod "$Base/_emulator/requests?tenantId=$tenantB"
        @($inB | ForEach-Object { $_ } | Where-Object method -EQ PATCH).Count | Should -Be 5
    }

    It 'closes the previous connection when a new Connect-AadGraph fails, so nothing runs in the wrong tenant' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $Secret)
        { Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp 'Wrong-Secret-1') -WarningVariable warn -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'SignInFailed,PasswordReset.Commands.ConnectAadGraphCommand'
        Get-AadGraphContext | Should -BeNullOrEmpty
        { Get-AadUser -UserPrincipalName "AlexW@$Tenant" } | Should -Throw -ErrorId 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
    }

    It 'leaves no connection, old or new, when a sign-in is stopped (Ctrl+C) while Entra ID has not answered yet' {
        # A runspace of its own, as a host has: connected to the tenant with a token, then a client-secret sign-in that the
        # emulator's token endpoint holds, stopped from this thread as Ctrl+C or Stop-Job would.
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        function Invoke-InRunspace([scriptblock] $Script, [object[]] $Arguments = @()) {
            $ps = [powershell]::Create()
            $ps.Runspace = $runspace
            try {
                $null = $ps.AddScript($Script)
                foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
                $ps.Invoke()
            }
            finally { $ps.Dispose() }
        }
        $signIn = $null
        try {
            $token = (Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}).access_token
            $connected = Invoke-InRunspace -Script {
                param($Manifest, $Endpoint, $Token)
                Import-Module $Manifest
                Connect-AadGraph -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force) -GraphEndpoint $Endpoint
                (Get-AadGraphContext).TenantId
            } -Arguments $ModuleManifest, $Base, $token
            $connected | Should -Be $TenantId

            $null = Set-EmulatorLatency -Emulator $Emulator -TokenMs 120000
            Clear-EmulatorRequest -Emulator $Emulator
            $signIn = [powershell]::Create()
            $signIn.Runspace = $runspace
            $null = $signIn.AddScript({
                param($TenantId, $Credential, $Base)
                Connect-AadGraph -TenantId $TenantId -ClientSecretCredential $Credential -GraphEndpoint $Base -AuthorityHost $Base
            }).AddArgument($TenantId).AddArgument((New-SecretCredential $SecretApp $Secret)).AddArgument($Base)
            $async = $signIn.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-EmulatorLatency -Emulator $Emulator).tokenRequestsWaiting -lt 1) {
                if ($async.IsCompleted -or [DateTime]::UtcNow -gt $deadline) { throw "The sign-in never reached the token endpoint: $($signIn.InvocationStateInfo.State) $($signIn.Streams.Error)" }
                Start-Sleep -Milliseconds 100
            }

            $signIn.Stop()
            $signIn.InvocationStateInfo.State | Should -Be 'Stopped'
            $caught = $null
            try { $signIn.EndInvoke($async) } catch { $caught = $_ }
            $caught.Exception.InnerException | Should -BeOfType [System.Management.Automation.PipelineStoppedException]
            # The module gave up its token request, so Entra ID (the emulator) issues nothing.
            while ((Get-EmulatorLatency -Emulator $Emulator).tokenRequestsWaiting -gt 0) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'The stopped sign-in kept its token request open.' }
                Start-Sleep -Milliseconds 100
            }

            $after = Invoke-InRunspace -Script {
                param($Upn)
                [bool](Get-AadGraphContext)
                try { Get-AadUser -UserPrincipalName $Upn -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo.Category)" }
            } -Arguments "AlexW@$Tenant"
            $after[0] | Should -BeFalse -Because 'neither the old connection nor the new one may stay'
            $after[1] | Should -Be 'NotConnected,PasswordReset.Commands.GetAadUserCommand'
            $after[2] | Should -Be 'ConnectionError'
            @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
            @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued' | ForEach-Object { $_ } | Where-Object clientId -EQ $SecretApp).Count | Should -Be 0
        }
        finally {
            if ($signIn) { $signIn.Dispose() }
            $runspace.Dispose()
        }
    }

    It 'refuses unusable settings before any network call' -TestCases @(
        @{ Splat = { @{ ClientSecretCredential = (New-SecretCredential $SecretApp '   ') } } }
        @{ Splat = { @{ ClientSecretCredential = (New-SecretCredential ' ' $Secret) } } }
        @{ Splat = { @{ ClientSecretCredential = (New-SecretCredential $SecretApp $Secret); AuthorityHost = [uri]'foo' } } }
        @{ Splat = { @{ ClientSecretCredential = (New-SecretCredential $SecretApp $Secret); AuthorityHost = [uri]"$Base/some/path" } } }
        @{ Splat = { @{ ClientId = $CertApp; CertificatePath = (Join-Path $Certs 'app1.pem'); CertificatePassword = (ConvertTo-SecureString 'x' -AsPlainText -Force) } } }
        @{ Splat = { @{ ClientId = $CertApp; Certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $Certs 'app1.cer')) } } }
    ) {
        $parameters = @{ GraphEndpoint = $Base; AuthorityHost = $Base; TenantId = $TenantId }
        (& $Splat).GetEnumerator() | ForEach-Object { $parameters[$_.Key] = $_.Value }
        $before = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued').Count
        { Connect-AadGraph @parameters } | Should -Throw -ErrorId 'InvalidConnectionSettings,PasswordReset.Commands.ConnectAadGraphCommand'
        @(Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens/issued').Count | Should -Be $before
    }

    It 'accepts a thumbprint copied with colons, and shows the certificate used' {
        $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $Certs 'app1.pfx'), 'test',
            [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::PersistKeySet)
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
        $store.Open('ReadWrite')
        try {
            $store.Add($cert)
            $colons = ($cert.Thumbprint.ToLower() -split '(..)' | Where-Object { $_ }) -join ':'
            Connect-AadGraph @Common -ClientId $CertApp -CertificateThumbprint $colons
            (Get-AadGraphContext).CertificateThumbprint | Should -Be $cert.Thumbprint
        }
        finally {
            $store.Remove($cert)
            $store.Close()
        }
    }

    It 'keeps a running pipeline working when the admin reconnects in the middle of it' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $Secret)
        $common = $Common; $cred = New-SecretCredential $SecretApp $Secret
        $results = @(Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -Top 30 |
            ForEach-Object -Begin { $n = 0 } -Process { if (++$n % 10 -eq 0) { Connect-AadGraph @common -ClientSecretCredential $cred }; $_ } |
            Reset-AadUserPassword -Force)
        $results.Count | Should -Be 30
    }

    It 'stops with AuthenticationFailed, quoting Entra ID, when the credential cannot renew the token mid-run' {
        $tenantC = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'tenants' -Method POST -Body @{ tenantId = $tenantC; domain = 'gone.onmicrosoft.com'; synthetic = 3 }
        $appC = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'apps' -Method POST -Body @{ clientId = $appC; tenantId = $tenantC; clientSecret = $Secret; roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All'); wids = @($UserAdmin) }
        Connect-AadGraph -TenantId $tenantC -ClientSecretCredential (New-SecretCredential $appC $Secret) -GraphEndpoint $Base -AuthorityHost $Base
        Reset-Emulator -Emulator $Emulator   # the tenant disappears: Graph refuses the token and the token endpoint refuses a new one
        $caught = $null
        try { Reset-AadUserPassword -UserPrincipalName 'synthetic00001@gone.onmicrosoft.com' -Force } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,PasswordReset.Commands.ResetAadUserPasswordCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.Exception.Message | Should -Match 'AADSTS90002'
    }

    It 'warns at connect when the token cannot reset passwords' {
        Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $ReadOnlyApp $Secret) -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -Match 'User-PasswordProfile.ReadWrite.All'
    }

    It 'never shows a secret or a token in the context, Verbose, Debug or error output' {
        $streams = & {
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
            Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp $Secret)
            Get-AadGraphContext | Format-List * | Out-String
            Reset-AadUserPassword -UserPrincipalName "ghost@$Tenant" -Force -ErrorAction Continue
            try { Connect-AadGraph @Common -ClientSecretCredential (New-SecretCredential $SecretApp 'Wrong-Secret-123') } catch { $_ }
            Connect-AadGraph @Common -ClientId $CertApp -CertificatePath (Join-Path $Certs 'app1.pfx') -CertificatePassword (ConvertTo-SecureString 'test' -AsPlainText -Force)
            Get-AadGraphContext | Format-List * | Out-String
        } *>&1
        $text = ($streams | ForEach-Object {
                $_.ToString()
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString(); $_.ErrorDetails.Message }
            }) -join "`n"
        $text | Should -Match 'ClientSecret'
        $text.Contains($Secret) | Should -BeFalse
        $text.Contains('Wrong-Secret-123') | Should -BeFalse
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
    }
}
