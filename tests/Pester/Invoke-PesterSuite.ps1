# Runs the Pester suite in this (fresh) pwsh and writes {Passed, Failed} to -ResultFile for build.ps1, counted from
# Pester's result object (and the NUnit XML to -NUnitFile for CI tools), never from the console text.
param(
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $ResultFile,
    [string] $NUnitFile,
    # Output read from a file or a log: no colour codes, from Pester or from PowerShell's formatting.
    [switch] $PlainText
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($PlainText) {
    $PSStyle.OutputRendering = 'PlainText'
    $config.Output.RenderMode = 'Plaintext'
}
if ($NUnitFile) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $NUnitFile)
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $NUnitFile
}
$result = Invoke-Pester -Configuration $config
# Failed setup blocks and containers fail their tests without counting them: count each as a failure.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -LiteralPath $ResultFile
