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
                   xunit also runs tools/GraphEmulator.Tests, the emulator's own tests.
                   The counts come from the runners' result files in out/test-results (TRX per xunit project,
                   Pester's result object and NUnit XML); output redirected to a file or log has no colour codes.
  Demo             Build, start the emulator, connect, reset the Finance department's passwords, confirm them, stop.
  Rehearse         Build, start the emulator in the background (out/GraphEmulator/Start-GraphEmulator.ps1) and print
                   the Connect-AadGraph line to paste into PowerShell, and how to stop it.
  Clean            Removes out/ and the projects' bin/obj folders.

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Rehearse', 'Clean')]
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
$TestResults = Join-Path $Out 'test-results'
# Output read from a file or a CI log gets no colour codes (NO_COLOR is the convention PowerShell and Pester honour).
$PlainText = [Console]::IsOutputRedirected -or $null -ne $env:NO_COLOR
if ($PlainText) { $PSStyle.OutputRendering = 'PlainText' }

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
    Invoke-Dotnet publish (Join-Path $Root 'tools/GraphEmulator/GraphEmulator.csproj') -c $Configuration --no-build -o $EmulatorOut --nologo -v quiet
    # The emulator's project copies its data (sample tenant, property table, OpenAPI description) from ../shared/graph-contract
    # into graph-contract/ beside it; with the rehearsal command next to it, out/GraphEmulator runs from any folder.
    if (-not (Test-Path (Join-Path $EmulatorOut 'graph-contract/sample-tenant/users.json'))) {
        throw "The Graph emulator was published without its data ($EmulatorOut/graph-contract): is shared/graph-contract beside the repository?"
    }
    Copy-Item (Join-Path $Root 'tools/Start-GraphEmulator.ps1') $EmulatorOut
    Write-Host "Module: $ModuleOut (version $(Get-ModuleVersion))"
}

function Invoke-Package {
    # A fresh pwsh: packing validates the manifest, which this build process never imports.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModuleFolder $ModuleOut `
        -OutputFolder $PackageOut -LicenseFile (Join-Path $Root 'LICENSE') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Packaging the module failed.' }
}

function Invoke-XunitTests([string] $Project) {
    # The console shows failures and a summary; the counts come from the TRX file the run writes.
    $name = [System.IO.Path]::GetFileNameWithoutExtension($Project)
    $trx = Join-Path $TestResults "$name.trx"
    Remove-Item -LiteralPath $trx -ErrorAction Ignore
    & dotnet test (Join-Path $Root $Project) -c $Configuration --no-build --nologo --results-directory $TestResults --logger "trx;LogFileName=$name.trx" 2>&1 |
        ForEach-Object { Write-Host $_ }
    Read-TrxCount -Path $trx -ExitCode $LASTEXITCODE
}

function Read-TrxCount([string] $Path, [int] $ExitCode) {
    if (-not (Test-Path -LiteralPath $Path)) {
        # No result file means the run itself broke: count it as one failure so it cannot pass silently.
        Write-Host "No test results in $Path (dotnet test exit code $ExitCode): counted as one failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content -LiteralPath $Path -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    # A run that fails outside any test (the test host crashed) must not pass either.
    if ($failed -eq 0 -and $ExitCode -ne 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed }
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
    # Its file names and thumbprints are for people running it by hand: shown only when it fails.
    $certOutput = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/New-TestCertificates.ps1') -OutputFolder $certs 2>&1
    if ($LASTEXITCODE -ne 0) { $certOutput | Out-Host; throw 'Making the test certificates failed.' }
    # A fresh pwsh: the suite imports the built module there, never into this build process.
    $runner = Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'
    $saved = @{ SSL_CERT_FILE = $env:SSL_CERT_FILE; PASSWORDRESET_TEST_CERTS = $env:PASSWORDRESET_TEST_CERTS }
    try {
        $env:SSL_CERT_FILE = Join-Path $certs 'ca.pem'
        $env:PASSWORDRESET_TEST_CERTS = $certs
        & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -ResultFile $resultFile `
            -NUnitFile (Join-Path $TestResults 'Pester.xml') -PlainText:$PlainText | Out-Host
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
    $xunit = Invoke-XunitTests 'tests/PasswordReset.Tests/PasswordReset.Tests.csproj'
    $emulatorXunit = Invoke-XunitTests 'tools/GraphEmulator.Tests/GraphEmulator.Tests.csproj'
    $xunit = [pscustomobject]@{ Passed = $xunit.Passed + $emulatorXunit.Passed; Failed = $xunit.Failed + $emulatorXunit.Failed }
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

function Invoke-Rehearse {
    Invoke-Build
    & (Join-Path $EmulatorOut 'Start-GraphEmulator.ps1')
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
    'Rehearse' { Invoke-Rehearse }
    'Clean' { Invoke-Clean }
}
