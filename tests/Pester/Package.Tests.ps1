# Packaging (issue 9): build.ps1 Package leaves out/package/PasswordReset/<version>/ and out/package/PasswordReset.<version>.nupkg.
# Here the .nupkg goes the way an admin's copy would: published with Publish-PSResource to a folder registered as a
# PSResourceGet repository, saved from it with Save-PSResource, imported *by name* through PSModulePath in a fresh pwsh,
# and used to reset a user against the emulator. Every PSResourceGet step runs in a child pwsh whose HOME, XDG folders,
# TMPDIR and PSModulePath point into TestDrive, so the real repositories (PSResourceRepository.xml) and module folders are
# never touched; the last test checks they are as they were. The version written once in PasswordReset.psd1 must be the
# same in the manifests, the folder, the .nupkg and every assembly.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:SourceManifest = Import-PowerShellDataFile -LiteralPath (Join-Path $RepoRoot 'PasswordReset.psd1')
    $script:ModuleVersion = $SourceManifest.ModuleVersion
    $prerelease = $SourceManifest.PrivateData.PSData['Prerelease']
    $script:Version = if ($prerelease) { "$ModuleVersion-$prerelease" } else { $ModuleVersion }
    $script:PackageFolder = Join-Path $RepoRoot "out/package/PasswordReset/$ModuleVersion"
    $script:Nupkg = Join-Path $RepoRoot "out/package/PasswordReset.$Version.nupkg"
    if (-not (Test-Path -LiteralPath $Nupkg)) { throw "No ${Nupkg}: run through build.ps1 Test (it runs the Package task)." }

    # What the real user setup looks like before: the PSResourceGet repository store and the user's module folder.
    function script:Get-RealSetup {
        $store = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
        $userModules = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'powershell/Modules'
        [ordered]@{
            # Get-PSResourceRepository writes a default store when there is none: only ask it when one exists.
            Repositories = if (Test-Path -LiteralPath $store) { @(Get-PSResourceRepository | ForEach-Object { "$($_.Name) $($_.Uri) $($_.Trusted) $($_.Priority)" }) -join '; ' } else { '(no store)' }
            StoreHash    = if (Test-Path -LiteralPath $store) { (Get-FileHash -LiteralPath $store).Hash } else { '(no store)' }
            UserModules  = if (Test-Path -LiteralPath $userModules) { @(Get-ChildItem -LiteralPath $userModules -Name) -join ', ' } else { '(none)' }
        } | ConvertTo-Json -Compress
    }
    $script:RealSetupBefore = Get-RealSetup

    # The sandbox every child pwsh gets as its home.
    $script:Sandbox = Join-Path $TestDrive 'sandbox'
    $script:Repository = Join-Path $Sandbox 'repository'
    $script:SavedModules = Join-Path $Sandbox 'Modules'
    $script:RepositoryName = 'PasswordResetPackageTest'
    foreach ($folder in 'home', 'home/.local/share', 'home/.config', 'home/.cache', 'tmp', 'repository', 'Modules') {
        New-Item -ItemType Directory -Path (Join-Path $Sandbox $folder) -Force | Out-Null
    }

    function script:Invoke-SandboxPwsh {
        <# Runs a script in a fresh pwsh with HOME, XDG_*, TMPDIR and PSModulePath in the sandbox; -Secret travels in the
           environment, never on a command line. Returns the script's last output line parsed as JSON. #>
        param([Parameter(Mandatory)][string] $Script, [hashtable] $Parameters = @{}, [string] $Secret)
        $file = Join-Path $Sandbox "step-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $arguments = foreach ($name in $Parameters.Keys) { "-$name"; [string]$Parameters[$name] }
        $sandboxHome = Join-Path $Sandbox 'home'
        $environment = @{
            HOME = $sandboxHome; XDG_DATA_HOME = Join-Path $sandboxHome '.local/share'; XDG_CONFIG_HOME = Join-Path $sandboxHome '.config'
            XDG_CACHE_HOME = Join-Path $sandboxHome '.cache'; TMPDIR = Join-Path $Sandbox 'tmp'; PSModulePath = $SavedModules
        }
        if ($Secret) { $environment['PASSWORDRESET_PACKAGE_SECRET'] = $Secret }
        # PSResourceGet keeps its store in LocalApplicationData, which .NET answers with '' when the folder is missing (the
        # store then lands in the working folder): the folders above exist, and the working folder is the sandbox too.
        $run = Invoke-FreshPwsh -File $file -Arguments @($arguments) -WorkingDirectory $Sandbox -Environment $environment -TimeoutSeconds 180
        if ($run.ExitCode -ne 0) { throw "A packaging step failed (exit code $($run.ExitCode)):`n$($run.Stdout)`n$($run.Stderr)" }
        ($run.Stdout.Trim() -split "`n")[-1] | ConvertFrom-Json
    }

    # Register the folder repository, publish the built .nupkg to it and save it from there into the sandbox's module folder.
    $script:Published = Invoke-SandboxPwsh -Parameters @{ Name = $RepositoryName; Uri = $Repository; Nupkg = $Nupkg; Version = $Version; Destination = $SavedModules } -Script @'
param($Name, $Uri, $Nupkg, $Version, $Destination)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name $Name -Uri $Uri -Trusted
Publish-PSResource -NupkgPath $Nupkg -Repository $Name
$found = Find-PSResource -Name PasswordReset -Repository $Name
Save-PSResource -Name PasswordReset -Version $Version -Repository $Name -Path $Destination -TrustRepository
[ordered]@{
    Repositories = @(Get-PSResourceRepository | ForEach-Object { [ordered]@{ Name = $_.Name; Uri = $_.Uri.LocalPath; Trusted = $_.Trusted } })
    InRepository = @(Get-ChildItem -LiteralPath $Uri -Name)
    Found = [ordered]@{ Name = $found.Name; Version = "$($found.Version)"; Prerelease = $found.Prerelease; Author = $found.Author; Tags = @($found.Tags); LicenseUri = "$($found.LicenseUri)" }
} | ConvertTo-Json -Compress -Depth 5
'@

    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
}

AfterAll {
    try {
        # The registration lives in the sandbox's store only; remove it anyway, as a test that registers should.
        if ($Published) {
            $null = Invoke-SandboxPwsh -Parameters @{ Name = $RepositoryName } -Script @'
param($Name)
Unregister-PSResourceRepository -Name $Name -ErrorAction SilentlyContinue
'{}'
'@
        }
    }
    finally {
        if ($Emulator) { try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator } }
    }
}

Describe 'build.ps1 Package' {
    It 'leaves the module in a folder named by its version, with the LICENSE, and a manifest Test-ModuleManifest accepts' {
        Test-Path -LiteralPath (Join-Path $PackageFolder 'PasswordReset.psd1') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $PackageFolder 'dependencies/PasswordReset.Engine.dll') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $PackageFolder 'en-US/PasswordReset.dll-Help.xml') | Should -BeTrue
        Get-Content -LiteralPath (Join-Path $PackageFolder 'LICENSE') -Raw | Should -Be (Get-Content -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Raw)
        # Every file of the importable module in out/PasswordReset is in the package, byte for byte.
        $built = Split-Path $ModuleManifest
        foreach ($file in Get-ChildItem -LiteralPath $built -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($built, $file.FullName)
            (Get-FileHash -LiteralPath (Join-Path $PackageFolder $relative)).Hash | Should -Be (Get-FileHash -LiteralPath $file.FullName).Hash -Because "$relative is packaged as built"
        }
        # Test-ModuleManifest in the sandbox: this process already holds the module from out/PasswordReset.
        $checked = Invoke-SandboxPwsh -Parameters @{ Path = (Join-Path $PackageFolder 'PasswordReset.psd1') } -Script @'
param($Path)
$ErrorActionPreference = 'Stop'
$m = Test-ModuleManifest -Path $Path
[ordered]@{ Name = $m.Name; Version = "$($m.Version)" } | ConvertTo-Json -Compress
'@
        $checked.Name | Should -Be 'PasswordReset'
        $checked.Version | Should -Be $ModuleVersion
    }

    It 'packs the .nupkg with the manifest''s metadata' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $entry = $zip.GetEntry('PasswordReset.nuspec')
            $reader = [IO.StreamReader]::new($entry.Open())
            try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
            $names = @($zip.Entries.FullName)
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'PasswordReset'
        $metadata.version | Should -Be $Version
        $metadata.authors | Should -Be $SourceManifest.Author
        $metadata.description | Should -Be $SourceManifest.Description
        $metadata.licenseUrl | Should -Be $SourceManifest.PrivateData.PSData.LicenseUri
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        foreach ($tag in $SourceManifest.PrivateData.PSData.Tags) { ($metadata.tags -split ' ') | Should -Contain $tag }
        foreach ($file in 'PasswordReset.psd1', 'PasswordReset.dll', 'PasswordReset.Models.dll', 'PasswordReset.format.ps1xml', 'LICENSE',
            'en-US/PasswordReset.dll-Help.xml', 'en-US/about_PasswordReset.help.txt', 'dependencies/PasswordReset.Engine.dll', 'dependencies/PasswordReset.Engine.deps.json') {
            $names | Should -Contain $file
        }
    }
}

Describe 'The manifest' {
    It 'describes the module for a gallery: GUID, author, company, copyright, description, tags, licence, release notes' {
        $SourceManifest.GUID | Should -Be '1e2f0514-6efd-4c4a-8bce-da54197e1fc6' -Because 'the GUID identifies the module across versions'
        foreach ($key in 'Author', 'CompanyName', 'Copyright', 'Description') { $SourceManifest[$key] | Should -Not -BeNullOrEmpty -Because "$key is shown to admins" }
        $psData = $SourceManifest.PrivateData.PSData
        foreach ($tag in 'EntraID', 'AzureAD', 'MicrosoftGraph', 'Password', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows') { $psData.Tags | Should -Contain $tag }
        @($psData.Tags | Where-Object { $_ -match '\s' }) | Should -BeNullOrEmpty -Because 'a gallery tag is one word'
        ([uri] $psData.LicenseUri).IsAbsoluteUri | Should -BeTrue
        $psData.LicenseUri | Should -Match '^https://'
        if ($psData['ProjectUri']) { ([uri] $psData.ProjectUri).IsAbsoluteUri | Should -BeTrue }
        $psData.ReleaseNotes | Should -Match ([regex]::Escape($ModuleVersion))
        Get-Content -LiteralPath (Join-Path $RepoRoot 'LICENSE') -TotalCount 1 | Should -Be 'MIT License'
        $SourceManifest.Copyright | Should -Match 'MIT'
    }

    It 'exports explicitly: cmdlets by name, and no functions, aliases or variables' {
        foreach ($key in 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $SourceManifest.Keys | Should -Contain $key -Because 'an absent key exports everything'
            @($SourceManifest[$key]).Count | Should -Be 0
        }
        $SourceManifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        @($SourceManifest.CmdletsToExport | Where-Object { $_ -match '[*?]' }) | Should -BeNullOrEmpty -Because 'no wildcard: each cmdlet by name'
    }
}

Describe 'Installed from a PSResourceGet repository' {
    It 'publishes to the folder repository and saves into a module folder by version' {
        $Published.Repositories.Name | Should -Contain $RepositoryName
        # The registration is in the sandbox's store.
        Get-Content -LiteralPath (Join-Path $Sandbox 'home/.local/share/PSResourceGet/PSResourceRepository.xml') -Raw | Should -Match $RepositoryName
        ($Published.Repositories | Where-Object Name -EQ $RepositoryName).Trusted | Should -BeTrue
        $Published.InRepository | Should -Contain "PasswordReset.$Version.nupkg"
        $Published.Found.Name | Should -Be 'PasswordReset'
        $Published.Found.Author | Should -Be $SourceManifest.Author
        $Published.Found.LicenseUri | Should -Be $SourceManifest.PrivateData.PSData.LicenseUri
        Test-Path -LiteralPath (Join-Path $SavedModules "PasswordReset/$ModuleVersion/PasswordReset.psd1") | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $SavedModules "PasswordReset/$ModuleVersion/dependencies/PasswordReset.Engine.dll") | Should -BeTrue
    }

    It 'imports by name through PSModulePath in a fresh pwsh, exports exactly the assembly''s public cmdlets, and resets a user' {
        Reset-Emulator -Emulator $Emulator
        $upn = "AdeleV@$Tenant"
        $token = ConvertFrom-SecureString -SecureString (New-EmulatorToken -Emulator $Emulator) -AsPlainText
        $run = Invoke-SandboxPwsh -Secret $token -Parameters @{ BaseUri = $Emulator.BaseUri; UserPrincipalName = $upn } -Script @'
param($BaseUri, $UserPrincipalName)
$ErrorActionPreference = 'Stop'
$token = ConvertTo-SecureString $env:PASSWORDRESET_PACKAGE_SECRET -AsPlainText -Force
$env:PASSWORDRESET_PACKAGE_SECRET = $null
$module = Import-Module PasswordReset -PassThru
# The public cmdlets as the assembly defines them: every public, non-abstract type with a [Cmdlet] attribute.
$defined = foreach ($type in $module.ImplementingAssembly.GetExportedTypes()) {
    $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
    if ($attribute -and -not $type.IsAbstract) { "$($attribute.VerbName)-$($attribute.NounName)" }
}
Connect-AadGraph -AccessToken $token -GraphEndpoint $BaseUri
$result = Reset-AadUserPassword -UserPrincipalName $UserPrincipalName -Force
[ordered]@{
    ModuleBase = $module.ModuleBase
    Version = "$($module.Version)"
    Defined = @($defined | Sort-Object)
    Commands = @(Get-Command -Module PasswordReset | Sort-Object Name | ForEach-Object { "$($_.CommandType) $($_.Name)" })
    ExportedFunctions = $module.ExportedFunctions.Count
    ExportedAliases = $module.ExportedAliases.Count
    ExportedVariables = $module.ExportedVariables.Count
    IsResultType = $result -is [PasswordReset.PasswordResetResult]
    UserPrincipalName = $result.UserPrincipalName
    PasswordSha256 = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($result.TemporaryPassword)))
} | ConvertTo-Json -Compress
'@
        $run.ModuleBase | Should -Be (Join-Path $SavedModules "PasswordReset/$ModuleVersion")
        $run.Version | Should -Be $ModuleVersion

        # Exactly the public cmdlets: a [Cmdlet] type the manifest does not list fails here.
        $run.Defined | Should -Not -BeNullOrEmpty
        $run.Commands | Should -Be @($run.Defined | ForEach-Object { "Cmdlet $_" })
        @($SourceManifest.CmdletsToExport | Sort-Object) | Should -Be $run.Defined
        $run.ExportedFunctions | Should -Be 0
        $run.ExportedAliases | Should -Be 0
        $run.ExportedVariables | Should -Be 0

        $run.IsResultType | Should -BeTrue
        $run.UserPrincipalName | Should -Be $upn
        $stored = (Get-EmulatorUser -Emulator $Emulator -Key $upn).passwordProfile.password
        $run.PasswordSha256 | Should -Be ([Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($stored))))
    }
}

Describe 'One version' {
    It 'is the manifest''s everywhere: built and packaged manifests, folder, .nupkg and every assembly of ours' {
        (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion | Should -Be $ModuleVersion
        (Import-PowerShellDataFile -LiteralPath (Join-Path $PackageFolder 'PasswordReset.psd1')).ModuleVersion | Should -Be $ModuleVersion
        (Import-PowerShellDataFile -LiteralPath (Join-Path $SavedModules "PasswordReset/$ModuleVersion/PasswordReset.psd1")).ModuleVersion | Should -Be $ModuleVersion
        $Published.Found.Version | Should -Be $ModuleVersion
        "$($Published.Found.Version)$(if ($Published.Found.Prerelease) { "-$($Published.Found.Prerelease)" })" | Should -Be $Version

        $assemblyVersion = "$([version]$ModuleVersion).0"
        $modules = @((Split-Path $ModuleManifest), $PackageFolder, (Join-Path $SavedModules "PasswordReset/$ModuleVersion"))
        foreach ($folder in $modules) {
            foreach ($relative in 'PasswordReset.dll', 'PasswordReset.Models.dll', 'dependencies/PasswordReset.Engine.dll') {
                $path = Join-Path $folder $relative
                "$([System.Reflection.AssemblyName]::GetAssemblyName($path).Version)" | Should -Be $assemblyVersion -Because "$path AssemblyVersion"
                $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($path)
                $info.FileVersion | Should -Be $assemblyVersion -Because "$path FileVersion"
                # InformationalVersion: the full version, with the SDK's '+<commit>' when built from a git checkout.
                $info.ProductVersion | Should -Match "^$([regex]::Escape($Version))(\+[0-9a-f]+)?$" -Because "$path InformationalVersion"
            }
        }
    }
}

Describe 'The real user setup' {
    It 'is as it was: no repository registered, no module installed outside the sandbox' {
        Get-RealSetup | Should -Be $RealSetupBefore
    }
}
