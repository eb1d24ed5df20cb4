# Benchmark 4's child: what a fresh process pays before its first reset — Import-Module, Connect-AadGraph -AccessToken
# and one Reset-AadUserPassword (a lookup and a PATCH). The parent times the whole process.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $GraphEndpoint,
    [Parameter(Mandatory)][string] $UserPrincipalName
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
Connect-AadGraph -AccessToken (ConvertTo-SecureString $env:BENCH_TOKEN -AsPlainText -Force) -GraphEndpoint $GraphEndpoint
$result = Reset-AadUserPassword -UserPrincipalName $UserPrincipalName -Force
if (-not $result.TemporaryPassword) { exit 1 }
