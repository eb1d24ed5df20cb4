<#
.SYNOPSIS
Benchmark 1 (issue 7): resets per second with the quota out of reach, against a serial loop of PATCH requests.

.DESCRIPTION
One emulator with -Users synthetic users and -LatencyMs ± -JitterMs per Graph request (inner requests of a batch
each on their own), throttling off. Three ways, each from its own source:
  a. the anchors' way: a serial loop of PATCH /v1.0/users/{upn} with a passwordProfile (Invoke-RestMethod with the
     bearer token, as Update-MgUser / Set-EntraUserPassword scripts do), timed over a -Sample of users;
  b. Import-Csv users.csv | Reset-AadUserPassword -Force  (UPN strings: a lookup and a PATCH per user);
  c. Get-AadUser -Filter ... -All -PageSize 999 | Reset-AadUserPassword -Force (objects: the PATCH only; the listing
     is timed too, as an admin runs it).
a times its sample only; b and c are the median of -Repeat runs over every user. Returns table rows.
#>
param(
    [Parameter(Mandatory)][string] $Root,
    [int] $Users = 1000,
    [int] $Sample = 50,
    [int] $Repeat = 3,
    [int] $LatencyMs = 200,
    [int] $JitterMs = 50
)
$ErrorActionPreference = 'Stop'
$emulator = Start-BenchEmulator -Root $Root -ArgumentList '--synthetic', $Users, '--latency-ms', $LatencyMs, '--latency-jitter-ms', $JitterMs
$csv = Join-Path ([System.IO.Path]::GetTempPath()) "bench-users-$PID.csv"
try {
    Connect-AadGraph -AccessToken (ConvertTo-SecureString $emulator.Token -AsPlainText -Force) -GraphEndpoint $emulator.BaseUri
    $list = { Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999 }
    $objects = @(& $list)
    if ($objects.Count -ne $Users) { throw "Expected $Users synthetic users, listed $($objects.Count)." }
    $objects | Select-Object UserPrincipalName | Export-Csv -LiteralPath $csv -NoTypeInformation

    $headers = @{ Authorization = "Bearer $($emulator.Token)" }
    $patch = {
        param($upn)
        # A policy-compliant password as such a script would make one; never printed.
        $body = @{ passwordProfile = @{ password = 'Tmp-' + [guid]::NewGuid().ToString('N').Substring(0, 12) + '!A'; forceChangePasswordNextSignIn = $true } } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Patch -Uri "$($emulator.BaseUri)/v1.0/users/$([uri]::EscapeDataString($upn))" -Headers $headers -ContentType 'application/json' -Body $body
    }
    $reset = {
        param([scriptblock] $Feed)
        $errors = $null
        # The preference, not -Debug: on a compiled cmdlet -Debug turns Verbose into Inquire, a prompt in a script.
        $DebugPreference = 'Continue'
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $out = @(& $Feed 5>$null | Reset-AadUserPassword -Force -ErrorAction SilentlyContinue -ErrorVariable errors 5>&1)
        $watch.Stop()
        [pscustomobject]@{
            Seconds = $watch.Elapsed.TotalSeconds
            Results = @($out | Where-Object { $_ -is [PasswordReset.PasswordResetResult] }).Count
            Errors  = @($errors).Count
            Summary = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'Sent * batches*' }) | Select-Object -Last 1 -ExpandProperty Message
        }
    }

    # Warm-up (JIT, connection pools) for every way, over a few users.
    $warm = @(Import-Csv -LiteralPath $csv | Select-Object -First 20)
    foreach ($row in $warm[0..4]) { & $patch $row.UserPrincipalName }
    $null = & $reset { $warm }
    $null = & $reset { $objects | Select-Object -First 20 }

    Write-Host "  1a: serial PATCH loop over $Sample users ($LatencyMs ± $JitterMs ms per request)"
    $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First $Sample)
    $serial = Measure-Command { foreach ($row in $rows) { & $patch $row.UserPrincipalName } }
    $serialRate = $Sample / $serial.TotalSeconds

    $runs = @{ b = @(); c = @() }
    for ($i = 1; $i -le $Repeat; $i++) {
        Write-Host "  1b/1c: run $i of $Repeat over $Users users"
        $runs.b += & $reset { Import-Csv -LiteralPath $csv }
        $runs.c += & $reset $list
    }

    $out = @(New-BenchRow '1a' "serial loop of PATCH /users/{upn}, Invoke-RestMethod ($Sample-user sample)" ('{0} users/s' -f (Format-Number $serialRate 2)) 'baseline')
    foreach ($way in @(
            @{ Key = 'b'; Label = "Import-Csv users.csv | Reset-AadUserPassword -Force ($(Format-Number $Users 0) UPNs)"; Target = 25 }
            @{ Key = 'c'; Label = "Get-AadUser -Filter … -All -PageSize 999 | Reset-AadUserPassword -Force ($(Format-Number $Users 0) users)"; Target = 40 })) {
        $set = $runs[$way.Key]
        $seconds = Get-Median -Values ($set | ForEach-Object Seconds)
        $rate = $Users / $seconds
        $ratio = $rate / $serialRate
        $bad = @($set | Where-Object { $_.Results -ne $Users -or $_.Errors -gt 0 })
        $value = '{0} users/s = {1}× serial ({2} s, median of {3})' -f (Format-Number $rate 0), (Format-Number $ratio 1), (Format-Number $seconds 2), $Repeat
        if ($bad) { $value += "; $($bad.Count) run(s) with missing results or errors" }
        $out += New-BenchRow "1$($way.Key)" $way.Label $value "≥ $($way.Target)×" ($ratio -ge $way.Target -and -not $bad)
        Write-Host ("  1{0}: {1}" -f $way.Key, $set[-1].Summary)
    }
    $out
}
finally {
    Disconnect-AadGraph
    Stop-GraphEmulator -Emulator $emulator
    Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
}
