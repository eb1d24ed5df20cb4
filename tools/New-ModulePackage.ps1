<#
.SYNOPSIS
Packages the built module: a versioned module folder and a .nupkg that Publish-PSResource and Install-PSResource take.

.DESCRIPTION
Run by build.ps1 Package in a fresh pwsh, after the build has assembled the module. Writes

  <OutputFolder>/PasswordReset/<ModuleVersion>/   the module as PowerShell installs it (folder named by version), with
                                                  the LICENSE; ready for a PSModulePath folder or Publish-PSResource -Path
  <OutputFolder>/PasswordReset.<version>.nupkg    the same files, packed by PSResourceGet's Compress-PSResource, whose
                                                  nuspec (id, version, authors, description, tags, licence and project
                                                  URLs, release notes) comes from the manifest

<version> is ModuleVersion, with '-<Prerelease>' when PSData.Prerelease is set: the manifest is where the version is
written (Directory.Build.props reads it for the assemblies). The manifest is checked with Test-ModuleManifest first.
Uses PSResourceGet as shipped with PowerShell 7.6; touches no repository and no user setting.
#>
param(
    [Parameter(Mandatory)][string] $ModuleFolder,
    [Parameter(Mandatory)][string] $OutputFolder,
    [Parameter(Mandatory)][string] $LicenseFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$manifestPath = Join-Path $ModuleFolder 'PasswordReset.psd1'
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
$moduleVersion = $manifest.ModuleVersion
$prerelease = $manifest.PrivateData.PSData['Prerelease']
$version = if ($prerelease) { "$moduleVersion-$prerelease" } else { $moduleVersion }

if (Test-Path -LiteralPath $OutputFolder) { Remove-Item -LiteralPath $OutputFolder -Recurse -Force }
$target = Join-Path ([IO.Path]::GetFullPath($OutputFolder)) "PasswordReset/$moduleVersion"
New-Item -ItemType Directory -Path $target -Force | Out-Null
Copy-Item -Path (Join-Path $ModuleFolder '*') -Destination $target -Recurse
Copy-Item -LiteralPath $LicenseFile -Destination (Join-Path $target 'LICENSE')

# Throws on a broken manifest (a missing file it names, a bad URI, an unknown key).
$null = Test-ModuleManifest -Path (Join-Path $target 'PasswordReset.psd1')

$nupkg = Compress-PSResource -Path $target -DestinationPath $OutputFolder -PassThru
if ($nupkg.Name -ne "PasswordReset.$version.nupkg") { throw "Compress-PSResource wrote $($nupkg.Name), not PasswordReset.$version.nupkg." }
Write-Host "Package: $target"
Write-Host "Package: $($nupkg.FullName)"
