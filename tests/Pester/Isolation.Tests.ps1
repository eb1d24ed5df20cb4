# Dependency isolation (issue 9): the engine and every third-party dependency load into the module's private
# AssemblyLoadContext ("PasswordReset") from out/PasswordReset/dependencies; the cmdlets and the models scripts name stay
# in the default context; .NET's own assemblies are never loaded privately. Each scenario runs in a fresh pwsh
# (ConflictScenario.ps1) beside other versions of Azure.Core, Azure.Identity, MSAL and Microsoft.Graph.Core that
# build.ps1 Test restores from NuGet to out/ConflictAssemblies, loaded before the module and after it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Certs = $env:PASSWORDRESET_TEST_CERTS
    if (-not $Certs -or -not (Test-Path (Join-Path $Certs 'server.pfx'))) { throw 'Run through build.ps1 Test: it makes the test certificates and sets SSL_CERT_FILE.' }
    $script:ConflictFolder = Join-Path $RepoRoot 'out/ConflictAssemblies'
    if (-not (Test-Path (Join-Path $ConflictFolder 'Azure.Core.dll'))) { throw 'Run through build.ps1 Test: it restores the other versions to out/ConflictAssemblies.' }
    $script:ModuleFolder = Split-Path $ModuleManifest
    $script:Dependencies = Join-Path $ModuleFolder 'dependencies'
    $script:Framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()

    # The emulator is also the identity provider (HTTPS), so a client-secret sign-in loads Azure.Identity and MSAL.
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--https-cert', (Join-Path $Certs 'server.pfx'), '--https-cert-password', 'test'
    $script:TenantId = 'dcd219dd-bc68-4b9b-bf0b-4a33a796be35'
    $script:ClientId = [guid]::NewGuid().ToString()
    $script:Secret = 'S3cret-' + [guid]::NewGuid().ToString('N')
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'apps' -Method POST -Body @{
        clientId = $ClientId; clientSecret = $Secret; displayName = 'Isolation test'
        roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All'); wids = @('fe930be7-5e62-47db-91af-98c3a49a38b1')
    }
    $script:Upn = "AlexW@$Tenant"

    function script:Get-FileVersion([string] $Path) { "$([System.Reflection.AssemblyName]::GetAssemblyName($Path).Version)" }

    function script:Invoke-ConflictScenario([string] $Order) {
        Reset-Emulator -Emulator $Emulator
        $resultPath = Join-Path ([IO.Path]::GetTempPath()) "passwordreset-conflict-$([guid]::NewGuid().ToString('N')).json"
        $arguments = @('-Order', $Order, '-ModuleManifest', $ModuleManifest, '-ConflictFolder', $ConflictFolder, '-BaseUri', $Emulator.BaseUri,
            '-TenantId', $TenantId, '-ClientId', $ClientId, '-UserPrincipalName', $Upn, '-ResultPath', $resultPath)
        try {
            # The secret travels in the environment, never on a command line.
            $run = Invoke-FreshPwsh -File (Join-Path $PSScriptRoot 'ConflictScenario.ps1') -Arguments $arguments -TimeoutSeconds 180 `
                -Environment @{ PASSWORDRESET_CONFLICT_SECRET = $Secret }
            if ($run.ExitCode -ne 0 -or -not (Test-Path $resultPath)) {
                throw "The $Order scenario failed (exit code $($run.ExitCode)):`n$($run.Stdout)`n$($run.Stderr)"
            }
            Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json
        }
        finally {
            Remove-Item -LiteralPath $resultPath -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'The module layout' {
    It 'has only the cmdlet and models assemblies in its root, and no RequiredAssemblies or NestedModules' {
        @(Get-ChildItem -LiteralPath $ModuleFolder -Filter *.dll).Name | Sort-Object | Should -Be @('PasswordReset.dll', 'PasswordReset.Models.dll')
        $manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
        $manifest.RootModule | Should -Be 'PasswordReset.dll'
        $manifest.Keys | Should -Not -Contain 'RequiredAssemblies'
        $manifest.Keys | Should -Not -Contain 'NestedModules'
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'ships the engine and its dependencies in dependencies/, and none of .NET''s netstandard polyfills' {
        $shipped = @(Get-ChildItem -LiteralPath $Dependencies -Filter *.dll).BaseName
        foreach ($name in 'PasswordReset.Engine', 'Azure.Core', 'Azure.Identity', 'Microsoft.Identity.Client', 'Microsoft.Graph', 'Microsoft.Graph.Core', 'Microsoft.Kiota.Abstractions', 'Microsoft.IdentityModel.Tokens') {
            $shipped | Should -Contain $name
        }
        $shipped | Should -Not -Contain 'PasswordReset'
        $shipped | Should -Not -Contain 'PasswordReset.Models'
        # A netstandard2.0 publish would bring these; their Span<T>, ValueTask … would not be the platform's.
        foreach ($polyfill in 'netstandard', 'System.Memory', 'System.Buffers', 'System.Runtime.CompilerServices.Unsafe', 'System.Threading.Tasks.Extensions', 'System.Numerics.Vectors', 'System.ValueTuple') {
            $shipped | Should -Not -Contain $polyfill
        }
        Test-Path (Join-Path $Dependencies 'PasswordReset.Engine.deps.json') | Should -BeTrue
    }

    It 'ships a framework assembly only in a version newer than .NET 8 has (for PowerShell 7.4, whose framework is older than Azure.Core needs)' {
        foreach ($file in Get-ChildItem -LiteralPath $Dependencies -Filter *.dll) {
            if (Test-Path (Join-Path $Framework $file.Name)) {
                ([version](Get-FileVersion $file.FullName)).Major | Should -BeGreaterThan 8 -Because "$($file.Name) is in the shared framework"
            }
        }
    }
}

Describe 'Another module''s versions of our dependencies in the same process' {
    It 'loads <Order>: the module resets a user, its assemblies sit in the private context, the others stay in the default one' -TestCases @(
        @{ Order = 'OthersFirst' }
        @{ Order = 'ModuleFirst' }
    ) {
        $run = Invoke-ConflictScenario -Order $Order

        # The reset worked, and the types scripts name are the module's.
        foreach ($reset in $run.Resets) {
            $reset.IsResultType | Should -BeTrue
            $reset.ContextIsNameable | Should -BeTrue
            $reset.UserPrincipalName | Should -Be $Upn
        }
        $stored = (Get-EmulatorUser -Emulator $Emulator -Key $Upn).passwordProfile.password
        $storedHash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($stored)))
        $run.Resets[-1].PasswordSha256 | Should -Be $storedHash

        $loaded = @($run.Assemblies)
        function Find-Loaded([string] $Name, [string] $Version) { @($loaded | Where-Object { $_.Name -eq $Name -and $_.Version -eq $Version }) }

        # The cmdlets and the models: default context, from the module root.
        foreach ($name in 'PasswordReset', 'PasswordReset.Models') {
            $found = Find-Loaded $name (Get-FileVersion (Join-Path $ModuleFolder "$name.dll"))
            $found.Count | Should -Be 1 -Because "$name loads once"
            $found[0].Context | Should -Be 'Default'
            $found[0].Location | Should -Be (Join-Path $ModuleFolder "$name.dll")
        }

        # The engine and the dependencies the sign-in and the reset used: the private context, from dependencies/.
        # (Azure.Identity 1.21 only forwards its credential types to Azure.Core 1.53, so the engine never loads it; the
        # client-secret sign-in runs on Azure.Core's ClientSecretCredential and MSAL.)
        foreach ($name in 'PasswordReset.Engine', 'Azure.Core', 'Microsoft.Identity.Client', 'Microsoft.Graph', 'Microsoft.Graph.Core',
            'Microsoft.Kiota.Abstractions', 'Microsoft.Kiota.Http.HttpClientLibrary', 'Microsoft.Kiota.Serialization.Json', 'Microsoft.IdentityModel.Tokens') {
            $found = Find-Loaded $name (Get-FileVersion (Join-Path $Dependencies "$name.dll"))
            $found.Count | Should -Be 1 -Because "our $name loads once"
            $found[0].Context | Should -Be 'PasswordReset' -Because "our $name belongs to the private context"
            $found[0].Location | Should -Be (Join-Path $Dependencies "$name.dll")
        }

        # The other versions: the default context, from their own folder, and what a script names.
        foreach ($name in 'Azure.Core', 'Azure.Identity', 'Microsoft.Identity.Client', 'Microsoft.Graph.Core') {
            $version = Get-FileVersion (Join-Path $ConflictFolder "$name.dll")
            $version | Should -Not -Be (Get-FileVersion (Join-Path $Dependencies "$name.dll"))
            $found = Find-Loaded $name $version
            $found.Count | Should -Be 1 -Because "the other $name loads once"
            $found[0].Context | Should -Be 'Default'
            $found[0].Location | Should -Be (Join-Path $ConflictFolder "$name.dll")
        }
        $run.Named.AzureCore | Should -Be (Get-FileVersion (Join-Path $ConflictFolder 'Azure.Core.dll'))
        $run.Named.AzureIdentity | Should -Be (Get-FileVersion (Join-Path $ConflictFolder 'Azure.Identity.dll'))
        $run.Named.Msal | Should -Be (Get-FileVersion (Join-Path $ConflictFolder 'Microsoft.Identity.Client.dll'))
        $run.Named.GraphCore | Should -Be (Get-FileVersion (Join-Path $ConflictFolder 'Microsoft.Graph.Core.dll'))

        # Nothing of ours leaks into the default context, and nothing .NET provides is loaded privately.
        $private = @($loaded | Where-Object Context -EQ 'PasswordReset')
        foreach ($assembly in $private) {
            Split-Path $assembly.Location | Should -Be $Dependencies -Because "$($assembly.Name) is in the private context"
            Test-Path (Join-Path $Framework "$($assembly.Name).dll") | Should -BeFalse -Because "$($assembly.Name) is .NET's own: the default context's copy serves"
        }
        @($loaded | Where-Object { $_.Context -ne 'PasswordReset' -and $_.Location -and (Split-Path $_.Location) -eq $Dependencies }).Name | Should -BeNullOrEmpty
        foreach ($name in 'System.Text.Json', 'System.Diagnostics.DiagnosticSource') {
            $found = @($loaded | Where-Object Name -EQ $name)
            $found.Count | Should -Be 1 -Because "$name loads once, from the framework"
            $found[0].Context | Should -Be 'Default'
        }
    }
}
