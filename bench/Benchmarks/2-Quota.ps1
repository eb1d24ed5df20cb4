<#
.SYNOPSIS
Benchmark 2 (issue 7): a bulk reset past Graph's write quota, on a compressed time scale.

.DESCRIPTION
One emulator with -Users synthetic users, the throttling model on (graph-facts §6: 3,000 writes per 150 s per app and
tenant) at -TimeScale (5: a 3,000-write burst, then 100 writes/s), and -LatencyMs ± -JitterMs per Graph request. The
users are listed first (reads cost resource units, not writes), then the buckets are refilled, the counters and the
request log cleared, and `$objects | Reset-AadUserPassword -Force` is timed. From the emulator's request log (inner
PATCHes answered 204, by arrival time): the sustained rate between the burst-th and the last, as a share of the write
limit; from its throttling counters: the 429s; from the cmdlet: the failures; and the total time against the
physical minimum (N − burst) ÷ rate. Returns table rows.
#>
param(
    [Parameter(Mandatory)][string] $Root,
    [int] $Users = 10000,
    [double] $TimeScale = 5,
    [int] $LatencyMs = 200,
    [int] $JitterMs = 50
)
$ErrorActionPreference = 'Stop'
$emulator = Start-BenchEmulator -Root $Root -ArgumentList '--synthetic', $Users, '--latency-ms', $LatencyMs, '--latency-jitter-ms', $JitterMs,
    '--throttling', 'true', '--time-scale', $TimeScale, '--request-log-capacity', ($Users * 4 + 10000)
try {
    Connect-AadGraph -AccessToken (ConvertTo-SecureString $emulator.Token -AsPlainText -Force) -GraphEndpoint $emulator.BaseUri
    $objects = @(Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999)
    if ($objects.Count -ne $Users) { throw "Expected $Users synthetic users, listed $($objects.Count)." }

    # Graph's limits at this time scale (every bucket full again, counters at 0).
    $limits = Set-EmulatorThrottling -Emulator $emulator -TimeScale $TimeScale
    Clear-EmulatorRequest -Emulator $emulator
    $burst = $limits.writesPer150Seconds
    $writeRate = $limits.writesPer150Seconds / (150 / $TimeScale)
    $minimum = [math]::Max(0, $Users - $burst) / $writeRate

    Write-Host "  2: $Users users, write quota $burst burst then $writeRate writes/s (time scale $TimeScale), latency $LatencyMs ± $JitterMs ms"
    $errors = $null
    # The preference, not -Debug: on a compiled cmdlet -Debug turns Verbose into Inquire, a prompt in a script.
    $DebugPreference = 'Continue'
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @($objects | Reset-AadUserPassword -Force -ErrorAction SilentlyContinue -ErrorVariable errors 5>&1)
    $watch.Stop()
    $DebugPreference = 'SilentlyContinue'
    $total = $watch.Elapsed.TotalSeconds
    $results = @($out | Where-Object { $_ -is [PasswordReset.PasswordResetResult] })
    $debug = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
    $failures = @($errors).Count + [math]::Max(0, $Users - $results.Count - @($errors).Count)

    # A fast run that lost passwords would be worthless: every emitted password must be the one the emulator holds.
    $stored = @{}
    Get-EmulatorPassword -Emulator $emulator -Changed | ForEach-Object { $stored[$_.id] = $_.password }
    $mismatched = @($results | Where-Object { $stored[$_.Id] -cne $_.TemporaryPassword }).Count
    $failures += $mismatched + [math]::Max(0, $stored.Count - $results.Count)

    $counters = (Get-EmulatorThrottling -Emulator $emulator).counters
    $patches = @(Get-EmulatorRequest -Emulator $emulator -Method PATCH)
    $applied = @($patches | Where-Object { $_.status -eq 204 } | ForEach-Object { [datetime]$_.time } | Sort-Object)
    $refused = @($patches | Where-Object { $_.status -eq 429 }).Count
    $sustained = if ($applied.Count -gt $burst + 1) {
        ($applied.Count - $burst) / ($applied[-1] - $applied[$burst - 1]).TotalSeconds
    } else { [double]::NaN }

    foreach ($line in @($debug | Where-Object { $_ -like 'Sent * batches*' })) { Write-Host "  2: $line" }
    Write-Host ("  2: emulator counters: admitted {0}, throttled {1} (write limit {2}, resource units {3}); PATCH 429s in the log {4}; rate changes {5}, last: {6}" -f
        $counters.admitted, $counters.throttled, $counters.writeLimitRefusals, $counters.resourceUnitRefusals, $refused,
        @($debug | Where-Object { $_ -like '*rate now*' -or $_ -like '*no longer limited*' }).Count,
        (@($debug | Where-Object { $_ -like 'Write rate now*' }) | Select-Object -Last 1))

    $percentages = @($debug | Select-String -Pattern 'x-ms-throttle-limit-percentage ([\d.]+)' | ForEach-Object { [double]$_.Matches[0].Groups[1].Value })
    if ($percentages) {
        $p = $percentages | Measure-Object -Minimum -Maximum -Average
        Write-Host ("  2: x-ms-throttle-limit-percentage at the pacer's {0} rate changes: {1:0.00}–{2:0.00}, mean {3:0.00}" -f $p.Count, $p.Minimum, $p.Maximum, $p.Average)
    }

    $n = Format-Number $Users 0
    $share = $sustained / $writeRate
    # Issue 7's figure includes the writes the bucket refilled during the burst; the rate over the second half of
    # the writes after the burst shows the steady state alone.
    $half = $burst + [int](($applied.Count - $burst) / 2)
    $steady = if ($applied.Count -gt $half + 1) { ($applied.Count - 1 - $half) / ($applied[-1] - $applied[$half]).TotalSeconds } else { [double]::NaN }
    $throttledShare = $counters.throttled / $Users
    @(
        New-BenchRow '2a' "sustained writes/s after the $(Format-Number $burst 0)-write burst ($n users, limit $(Format-Number $writeRate 0)/s)" (
            '{0}/s = {1}% of the limit (second half: {2}/s)' -f (Format-Number $sustained 1), (Format-Number (100 * $share) 0), (Format-Number $steady 1)) '≥ 90%' ($share -ge 0.9)
        New-BenchRow '2b' '429s received (emulator throttling counter)' ('{0} = {1}% of {2} writes' -f $counters.throttled, (Format-Number (100 * $throttledShare) 2), $n) '≤ 2%' ($throttledShare -le 0.02)
        New-BenchRow '2c' 'failures (error records, missing results, passwords ≠ stored)' ('{0} ({1} results, {2} passwords ≠ stored)' -f $failures, (Format-Number $results.Count 0), $mismatched) '0' ($failures -eq 0)
        New-BenchRow '2d' 'total time vs physical minimum (N − burst) ÷ rate' ('{0} s vs {1} s = {2}×' -f (Format-Number $total 1), (Format-Number $minimum 1), (Format-Number ($total / [math]::Max($minimum, 0.001)) 2)) ''
    )
}
finally {
    Disconnect-AadGraph
    Stop-GraphEmulator -Emulator $emulator
}
