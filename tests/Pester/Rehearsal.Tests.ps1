# The rehearsal command (tools/Start-GraphEmulator.ps1, copied beside the published emulator): it starts the emulator in
# the background, waits until it answers, and prints the lines an admin pastes. A fresh pwsh runs the printed lines
# exactly as printed and resets a user; the printed Stop-Process line stops the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Started = [System.Collections.Generic.List[int]]::new()

    function Start-Rehearsal {
        <# Runs the rehearsal script in a fresh pwsh and returns what it printed, read as an admin would read it. #>
        param([Parameter(Mandatory)][string] $Script, [Parameter(Mandatory)][string] $WorkingDirectory, [string[]] $Arguments = @())
        $run = Invoke-FreshPwsh -File $Script -Arguments $Arguments -WorkingDirectory $WorkingDirectory
        $stop = $run.Lines | Select-String -Pattern '^Stop the emulator: (Stop-Process -Id (\d+))$' | Select-Object -First 1
        if ($stop) { $Started.Add([int]$stop.Matches[0].Groups[2].Value) }
        $address = $run.Lines | Select-String -Pattern '^Graph emulator on (http://127\.0\.0\.1:\d+) ' | Select-Object -First 1
        [pscustomobject]@{
            ExitCode = $run.ExitCode
            Text     = $run.Lines -join "`n"
            Import   = $run.Lines | Where-Object { $_ -like 'Import-Module *' } | Select-Object -First 1
            Connect  = $run.Lines | Where-Object { $_ -like 'Connect-AadGraph *' } | Select-Object -First 1
            Stop     = if ($stop) { $stop.Matches[0].Groups[1].Value }
            Id       = if ($stop) { [int]$stop.Matches[0].Groups[2].Value }
            BaseUri  = if ($address) { $address.Matches[0].Groups[1].Value }
        }
    }

    function Invoke-Pasted {
        <# A fresh pwsh runs the printed lines as pasted, revokes MeganB's sessions and issues her a pass (the one connection
           serves every cmdlet), then resets AdeleV and prints her temporary password. #>
        param([Parameter(Mandatory)] $Rehearsal, [hashtable] $Environment = @{})
        $paste = Join-Path $TestDrive "paste-$($Rehearsal.Id).ps1"
        @(
            '$ErrorActionPreference = ''Stop'''
            $Rehearsal.Import
            $Rehearsal.Connect
            "`$null = Revoke-AadUserSignInSession -UserPrincipalName 'MeganB@$Tenant' -Force"
            "`$null = New-AadUserTemporaryAccessPass -UserPrincipalName 'MeganB@$Tenant' -Force"
            "(Reset-AadUserPassword -UserPrincipalName 'AdeleV@$Tenant' -RevokeSessions -Force).TemporaryPassword"
        ) | Set-Content -LiteralPath $paste
        Invoke-FreshPwsh -File $paste -WorkingDirectory $TestDrive -Environment $Environment
    }

    function Wait-ProcessEnd([int] $Id) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-Process -Id $Id -ErrorAction Ignore) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Process -Id $Id -ErrorAction Ignore
    }
}

AfterAll {
    # Whatever a failed test left running.
    foreach ($id in $Started) { Get-Process -Id $id -ErrorAction Ignore | Stop-Process -Force -ErrorAction Ignore }
}

Describe 'Rehearsing against the emulator (Start-GraphEmulator.ps1)' {
    It 'prints the lines that connect a fresh pwsh, which resets a user; the printed Stop-Process line stops it' {
        $rehearsal = Start-Rehearsal -Script (Join-Path $RepoRoot 'tools/Start-GraphEmulator.ps1') -WorkingDirectory $TestDrive
        $rehearsal.ExitCode | Should -Be 0 -Because $rehearsal.Text
        $rehearsal.BaseUri | Should -Not -BeNullOrEmpty -Because $rehearsal.Text
        $rehearsal.Import | Should -Be "Import-Module '$ModuleManifest'"
        $rehearsal.Connect | Should -BeLike "Connect-AadGraph -GraphEndpoint $($rehearsal.BaseUri) *"
        $rehearsal.Text | Should -Not -Match 'eyJ[\w-]+\.' -Because 'no token is printed: the pasted line asks the emulator for one'

        $pasted = Invoke-Pasted -Rehearsal $rehearsal
        $pasted.ExitCode | Should -Be 0 -Because ($pasted.Lines -join "`n")
        $password = $pasted.Lines | Where-Object { $_ } | Select-Object -Last 1
        $stored = Get-EmulatorUser -Emulator ([pscustomobject]@{ BaseUri = $rehearsal.BaseUri }) -Key "AdeleV@$Tenant"
        $stored.passwordProfile.password | Should -BeExactly $password
        Assert-NoContractViolation -Emulator ([pscustomobject]@{ BaseUri = $rehearsal.BaseUri })

        Invoke-Expression $rehearsal.Stop
        Wait-ProcessEnd $rehearsal.Id | Should -BeNullOrEmpty
    }

    It 'runs from a copy of out/GraphEmulator in a folder with no shared/ above it, on its copied sample tenant' {
        $anywhere = Join-Path $TestDrive 'anywhere'
        Copy-Item -LiteralPath (Split-Path -Parent $EmulatorDll) -Destination (Join-Path $anywhere 'GraphEmulator') -Recurse
        for ($dir = [System.IO.DirectoryInfo]::new($anywhere); $dir; $dir = $dir.Parent) {
            Join-Path $dir.FullName 'shared/graph-contract' | Should -Not -Exist -Because 'only the copy beside the emulator may serve the tenant'
        }

        $rehearsal = Start-Rehearsal -Script (Join-Path $anywhere 'GraphEmulator/Start-GraphEmulator.ps1') -WorkingDirectory $anywhere -Arguments '-Port', '0'
        $rehearsal.ExitCode | Should -Be 0 -Because $rehearsal.Text
        $rehearsal.Text | Should -Match '\(42 users\)'
        # No module beside this copy: the admin imports it by name, here from out/ on PSModulePath.
        $rehearsal.Import | Should -Be 'Import-Module PasswordReset'
        $modulePath = (Split-Path -Parent (Split-Path -Parent $ModuleManifest)) + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $pasted = Invoke-Pasted -Rehearsal $rehearsal -Environment @{ PSModulePath = $modulePath }
        $pasted.ExitCode | Should -Be 0 -Because ($pasted.Lines -join "`n")
        $password = $pasted.Lines | Where-Object { $_ } | Select-Object -Last 1
        (Get-EmulatorUser -Emulator ([pscustomobject]@{ BaseUri = $rehearsal.BaseUri }) -Key "AdeleV@$Tenant").passwordProfile.password | Should -BeExactly $password

        Invoke-Expression $rehearsal.Stop
        Wait-ProcessEnd $rehearsal.Id | Should -BeNullOrEmpty
    }

    It 'fails with the emulator''s own message when the emulator cannot start' {
        $rehearsal = Start-Rehearsal -Script (Join-Path $RepoRoot 'tools/Start-GraphEmulator.ps1') -WorkingDirectory $TestDrive -Arguments '-ArgumentList', '--users=/does/not/exist.json'
        $rehearsal.ExitCode | Should -Not -Be 0
        # PowerShell's error view wraps long lines behind a '|' margin.
        $text = ($rehearsal.Text -replace '(?m)^\s*\|', '') -replace '\s+', ' '
        $text | Should -Match 'stopped during start-up'
        $text | Should -Match "--users: file '/does/not/exist.json' does not exist"
        $rehearsal.Connect | Should -BeNullOrEmpty
    }
}
