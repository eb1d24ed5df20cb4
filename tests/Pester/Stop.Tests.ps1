# Ctrl+C in the middle of a bulk reset: every reset Graph accepted must still reach the admin.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '3000'
}

AfterAll {
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Stopping a bulk reset' {
    It 'reports every reset Graph accepted, even the one in flight when Ctrl+C arrives' -Skip:$IsWindows {
        $csv = Join-Path $TestDrive 'results.csv'
        $hostLog = Join-Path $TestDrive 'host.txt'
        $script = Join-Path $TestDrive 'bulk.ps1'
        @'
param($Manifest, $Endpoint, $Csv)
Import-Module $Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString $env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint $Endpoint
Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999 | Reset-AadUserPassword -Force | Export-Csv -LiteralPath $Csv
'@ | Set-Content -LiteralPath $script

        $token = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body @{}
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $script, $ModuleManifest, $Emulator.BaseUri, $csv)) { $start.ArgumentList.Add($a) }
        $start.Environment['AADGRAPH_TEST_TOKEN'] = $token.access_token
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($start)
        $stdout = $child.StandardOutput.ReadToEndAsync()

        # Wait until resets are flowing, then send SIGINT (what Ctrl+C sends).
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline -and @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count -lt 300) { Start-Sleep -Milliseconds 500 }
        & kill -INT $child.Id
        $child.WaitForExit(60000) | Should -BeTrue
        $stdout.Result | Set-Content -LiteralPath $hostLog

        $accepted = @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH | Where-Object status -EQ 204)
        $accepted.Count | Should -BeLessThan 3000 -Because 'the run must really have been stopped'
        $emitted = @(Import-Csv -LiteralPath $csv)
        $reportedOnHost = @(Select-String -LiteralPath $hostLog -Pattern "accepted the password reset of '[^']+' \(([0-9a-f-]{36})\)" | ForEach-Object { $_.Matches[0].Groups[1].Value })
        Write-Host "accepted $($accepted.Count), emitted $($emitted.Count), reported on host $($reportedOnHost.Count)"
        $reported = @($emitted.Id) + $reportedOnHost
        foreach ($request in $accepted) {
            $reported | Should -Contain $request.key -Because 'a reset Graph accepted must be reported'
        }
        foreach ($row in @($emitted | Select-Object -First 10) + @($emitted | Select-Object -Last 10)) {
            (Get-EmulatorUser -Emulator $Emulator -Key $row.Id).passwordProfile.password | Should -BeExactly $row.TemporaryPassword
        }
    }
}
