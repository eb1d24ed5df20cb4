#Requires -Version 7.4
<#
.SYNOPSIS
Builds, tests and demonstrates the PasswordReset module.

.DESCRIPTION
Tasks:
  Build (default)  Builds the solution and assembles the importable module in out/PasswordReset (manifest, cmdlet
                   and models assemblies; the engine and its dependencies in dependencies/) and the Graph emulator in
                   out/GraphEmulator.
  Package          Build, then package the module: out/package/PasswordReset/<version>/ (the module as PowerShell installs
                   it, with the LICENSE) and out/package/PasswordReset.<version>.nupkg (for Publish-PSResource -NupkgPath or
                   a folder repository). The version is the manifest's (PasswordReset.psd1), as for the assemblies.
  Test             Build and Package, then xunit (tests/PasswordReset.Tests) and Pester (tests/Pester, in a fresh pwsh that imports
                   the built module). Last line: 'N passed, N failed' (both suites added); exits 1 on any failure.
  Demo             Build, start the emulator, connect, reset the Finance department's passwords, confirm them, stop.
  Clean            Removes out/ and the projects' bin/obj folders.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'PasswordReset'
$EmulatorOut = Join-Path $Out 'GraphEmulator'
$PackageOut = Join-Path $Out 'package'

function Invoke-Dotnet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Publish-ModuleAssemblies {
    <# The module's assembly layout (docs/ARCHITECTURE.md, "Assemblies and load contexts"): the cmdlets and the models in
       the module root, for PowerShell's default load context; the engine's net8.0 build with its dependency closure and
       deps.json in dependencies/, for the module's private load context. #>
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    foreach ($project in 'PasswordReset', 'PasswordReset.Models') {
        $bin = Join-Path $Root "src/$project/bin/$Configuration/net8.0"
        foreach ($extension in 'dll', 'pdb', 'xml') { Copy-Item (Join-Path $bin "$project.$extension") $ModuleOut }
    }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    Invoke-Dotnet publish (Join-Path $Root 'src/PasswordReset.Engine/PasswordReset.Engine.csproj') -f net8.0 -c $Configuration --no-build -o $dependencies --nologo -v quiet
}

function Get-ModuleVersion {
    # The manifest is the one place the version is written; Directory.Build.props reads the same lines for the assemblies.
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'PasswordReset.psd1')
    $prerelease = $manifest.PrivateData.PSData['Prerelease']
    if ($prerelease) { "$($manifest.ModuleVersion)-$prerelease" } else { "$($manifest.ModuleVersion)" }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $Root 'PasswordReset.sln') -c $Configuration --nologo -v minimal

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    Publish-ModuleAssemblies
    Copy-Item (Join-Path $Root 'PasswordReset.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/PasswordReset/PasswordReset.format.ps1xml') $ModuleOut
    # Help (en-US/): MAML generated from the cmdlets' XML doc comments, in a fresh pwsh (it loads the module), and the about_ topic.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-ModuleHelp.ps1') -ModuleFolder $ModuleOut `
        -AboutTopic (Join-Path $Root 'src/PasswordReset/about_PasswordReset.help.txt') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Generating the module help failed.' }

    if (Test-Path $EmulatorOut) { Remove-Item $EmulatorOut -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $Root 'tests/GraphEmulator/GraphEmulator.csproj') -c $Configuration --no-build -o $EmulatorOut --nologo -v quiet
    Write-Host "Module: $ModuleOut (version $(Get-ModuleVersion))"
}

function Invoke-Package {
    # A fresh pwsh: packing validates the manifest, which this build process never imports.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModuleFolder $ModuleOut `
        -OutputFolder $PackageOut -LicenseFile (Join-Path $Root 'LICENSE') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Packaging the module failed.' }
}

function Invoke-XunitTests {
    $output = & dotnet test (Join-Path $Root 'tests/PasswordReset.Tests/PasswordReset.Tests.csproj') -c $Configuration --no-build --nologo 2>&1
    $output | ForEach-Object { Write-Host $_ }
    $summary = $output | Select-String -Pattern 'Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)' | Select-Object -Last 1
    if (-not $summary) {
        # No summary means the run itself broke: count it as one failure so it cannot pass silently.
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    [pscustomobject]@{ Passed = [int]$summary.Matches[0].Groups[2].Value; Failed = [int]$summary.Matches[0].Groups[1].Value }
}

function Get-PesterModulePath {
    $pesterVersion = ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Packages.props'))).Project.PropertyGroup.PesterVersion
    Invoke-Dotnet restore (Join-Path $Root 'tests/PesterRestore/PesterRestore.csproj') --nologo -v quiet
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $pesterVersion was not restored to $path." }
    $path
}

function Publish-ConflictAssemblies {
    # Older Azure.Core, Azure.Identity, MSAL and Microsoft.Graph.Core for Isolation.Tests.ps1, restored from NuGet.
    $folder = Join-Path $Out 'ConflictAssemblies'
    if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $Root 'tests/ConflictAssemblies/ConflictAssemblies.csproj') -c $Configuration -o $folder --nologo -v quiet
}

function Invoke-PesterTests {
    $pester = Get-PesterModulePath
    Publish-ConflictAssemblies
    $resultFile = Join-Path $Out 'pester-counts.json'
    Remove-Item $resultFile -ErrorAction SilentlyContinue
    # Test certificates for the emulator's HTTPS identity provider; the suite's process trusts their CA through
    # SSL_CERT_FILE (no code path skips certificate validation).
    $certs = Join-Path $Out 'test-certs'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/New-TestCertificates.ps1') -OutputFolder $certs | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Making the test certificates failed.' }
    # A fresh pwsh: the suite imports the built module there, never into this build process.
    $runner = Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'
    $saved = @{ SSL_CERT_FILE = $env:SSL_CERT_FILE; PASSWORDRESET_TEST_CERTS = $env:PASSWORDRESET_TEST_CERTS }
    try {
        $env:SSL_CERT_FILE = Join-Path $certs 'ca.pem'
        $env:PASSWORDRESET_TEST_CERTS = $certs
        & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -ResultFile $resultFile | Out-Host
    }
    finally {
        $env:SSL_CERT_FILE = $saved.SSL_CERT_FILE
        $env:PASSWORDRESET_TEST_CERTS = $saved.PASSWORDRESET_TEST_CERTS
    }
    if (-not (Test-Path $resultFile)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    Get-Content $resultFile -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    Invoke-Package
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $Root 'tests/EmulatorControl.psm1') -Force
    $emulator = Start-GraphEmulator -EmulatorDll (Join-Path $EmulatorOut 'GraphEmulator.dll')
    try {
        Write-Host "Graph emulator: $($emulator.BaseUri)"
        # A child pwsh, so the built module loads fresh, as an admin would use it.
        $demo = Join-Path $Root 'tests/Demo.ps1'
        & dotnet pwsh -NoProfile -NonInteractive -File $demo -ModulePath (Join-Path $ModuleOut 'PasswordReset.psd1') -EmulatorUri $emulator.BaseUri
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Stop-GraphEmulator -Emulator $emulator
    }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Package' { Invoke-Build; Invoke-Package }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Clean' { Invoke-Clean }
}
