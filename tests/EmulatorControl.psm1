# Starts, stops and inspects the local Graph emulator (tools/GraphEmulator) for the Pester suite and the demo.
# Talks only to its /_emulator control surface and never prints a password or a token.

Set-StrictMode -Version Latest

function Start-GraphEmulator {
    <#
    .SYNOPSIS
    Starts the built emulator on a free loopback port and returns @{ Process; BaseUri; LogPath }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $EmulatorDll,
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSeconds = 60
    )
    $log = [System.IO.Path]::GetTempFileName()
    $err = [System.IO.Path]::GetTempFileName()
    $arguments = @($EmulatorDll, '--port', '0') + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -RedirectStandardOutput $log -RedirectStandardError $err -PassThru -NoNewWindow
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = Get-Content -LiteralPath $log -ErrorAction SilentlyContinue | Select-String -Pattern 'listening on (http\S+)' | Select-Object -First 1
        if ($line) {
            return [pscustomobject]@{ Process = $process; BaseUri = $line.Matches[0].Groups[1].Value.TrimEnd('/'); LogPath = $log; ErrorLogPath = $err }
        }
        if ($process.HasExited) { break }
        Start-Sleep -Milliseconds 100
    }
    $detail = (Get-Content -LiteralPath $err -Raw -ErrorAction SilentlyContinue)
    if (-not $process.HasExited) { $process | Stop-Process -Force }
    throw "The Graph emulator did not start: $detail"
}

function Stop-GraphEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process | Stop-Process -Force
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Invoke-EmulatorControl {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)][string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $params = @{ Uri = "$($Emulator.BaseUri)/_emulator/$Path"; Method = $Method }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress)
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function New-EmulatorToken {
    <# .SYNOPSIS Returns a signed test access token (a SecureString) from the emulator. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [hashtable] $Claims = @{})
    $answer = Invoke-EmulatorControl -Emulator $Emulator -Path 'tokens' -Method POST -Body $Claims
    ConvertTo-SecureString -String $answer.access_token -AsPlainText -Force
}

function Get-EmulatorRequest {
    <#
    .SYNOPSIS
    The Graph requests the emulator received (password values redacted), in arrival order, optionally by method. The
    inner requests of a $batch are entries of their own (batchSequence = the outer entry's sequence, batchRequestId =
    the inner id); the outer POST /$batch entries are left out unless -IncludeBatch, so counts mean Graph operations
    however they were sent. -Method, -Since (entries with a sequence above it) and -TenantId filter on the emulator side.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Method, [switch] $IncludeBatch, [long] $Since = 0, [string] $TenantId)
    $query = @()
    if ($Method) { $query += 'method=' + [uri]::EscapeDataString($Method) }
    if ($Since -gt 0) { $query += "since=$Since" }
    if ($TenantId) { $query += 'tenantId=' + [uri]::EscapeDataString($TenantId) }
    $path = 'requests' + $(if ($query) { '?' + ($query -join '&') } else { '' })
    # Invoke-RestMethod passes a JSON array as one object: unroll it.
    $all = @(Invoke-EmulatorControl -Emulator $Emulator -Path $path) | ForEach-Object { $_ }
    if (-not $IncludeBatch) { $all = @($all | Where-Object { $_.path -notmatch '/\$batch$' }) }
    $all
}

function Clear-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'requests' -Method DELETE | Out-Null
}

function Reset-Emulator {
    <# .SYNOPSIS Reseeds users and passwords and clears the request log. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'reset' -Method POST | Out-Null
}

function Get-EmulatorUser {
    <# .SYNOPSIS The emulator's stored user, including passwordProfile (the one place a password is readable). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)][string] $Key)
    Invoke-EmulatorControl -Emulator $Emulator -Path ("users/" + [uri]::EscapeDataString($Key))
}

function Get-EmulatorPassword {
    <#
    .SYNOPSIS
    Every stored password of a tenant at once: {id, userPrincipalName, password, changeCount, lastChanged}.
    changeCount counts the PATCHes that applied a password ("reset once" = 1). -Changed keeps users with changeCount > 0.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [switch] $Changed, [string] $TenantId)
    $query = @()
    if ($Changed) { $query += 'changed=true' }
    if ($TenantId) { $query += 'tenantId=' + [uri]::EscapeDataString($TenantId) }
    @(Invoke-EmulatorControl -Emulator $Emulator -Path ('passwords' + $(if ($query) { '?' + ($query -join '&') } else { '' }))) | ForEach-Object { $_ }
}

function Set-EmulatorFault {
    <#
    .SYNOPSIS
    Replaces the fault injection settings (what is not given is off / default) and returns the settings in force.
    .DESCRIPTION
    -Rates: fault name to probability 0..1, e.g. @{ '429' = 0.05; '503' = 0.02; '504AfterApply' = 0.01; drop = 0.01;
    lostAnswer = 0.01; malformedBatch = 0.01; hang = 0; concurrencyViolation = 0 }. 429/503/504AfterApply/concurrencyViolation
    are decided per Graph request (inner ones each on their own); drop/lostAnswer/hang/malformedBatch per HTTP request
    (a direct one or a whole batch). -Seed makes a run repeat; -Method / -WritesOnly limit which requests get faults;
    -Paging repeat|endless makes GET /users paging misbehave. -Rule: faults aimed at chosen users' requests, made by
    New-EmulatorFaultRule (tried in order; they ignore -Method / -WritesOnly), e.g. a revocation that fails with 503 for
    two users, or a lost answer once after a pass was created.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [hashtable] $Rates = @{},
        [long] $Seed = 0,
        [double] $RetryAfterSeconds = 0.5,
        [double] $HangSeconds = 120,
        [string[]] $Method,
        [switch] $WritesOnly,
        [ValidateSet('normal', 'repeat', 'endless')][string] $Paging = 'normal',
        [hashtable[]] $Rule = @()
    )
    $body = @{ seed = $Seed; rates = $Rates; retryAfterSeconds = $RetryAfterSeconds; hangSeconds = $HangSeconds; writesOnly = [bool]$WritesOnly; paging = $Paging; rules = @($Rule) }
    if ($Method) { $body.methods = @($Method) }
    Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method POST -Body $body
}

function Get-EmulatorFault {
    <# .SYNOPSIS The fault injection settings in force: {seed, rates, retryAfterSeconds, hangSeconds, methods, writesOnly, paging, rules}. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'faults'
}

function Clear-EmulatorFault {
    <# .SYNOPSIS Turns every fault off (Reset-Emulator instead returns to the emulator's start-up faults). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method DELETE | Out-Null
}

function Set-EmulatorLatency {
    <#
    .SYNOPSIS
    Delay per Graph request: -FixedMs plus a uniform jitter of ± -JitterMs; -TokenMs before the identity provider's token
    endpoint answers (a slow sign-in). 0 clears. Returns {fixedMs, jitterMs, tokenMs}.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [int] $FixedMs = 0, [int] $JitterMs = 0, [int] $TokenMs = 0)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'latency' -Method POST -Body @{ fixedMs = $FixedMs; jitterMs = $JitterMs; tokenMs = $TokenMs }
}

function Get-EmulatorLatency {
    <# .SYNOPSIS The latency in force and the token requests held right now: {fixedMs, jitterMs, tokenMs, tokenRequestsWaiting}. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'latency'
}

function Set-EmulatorThrottling {
    <#
    .SYNOPSIS
    Replaces the throttling model's limits (graph-facts §6; what is not given takes Graph's value) and returns them with
    the decision counters. Every bucket starts full. -TimeScale 5 makes every window 5x shorter (3,000 writes per 30 s).
    -ResourceUnitsPer10Seconds overrides the tenant-size limit (S 3,500 / M 5,000 / L 8,000).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [switch] $Disabled,
        [double] $TimeScale = 1,
        [Nullable[int]] $ResourceUnitsPer10Seconds,
        [int] $WritesPer150Seconds = 3000,
        [int] $AppResourceUnitsPer20Seconds = 150000,
        [int] $AppWritesPer5Minutes = 35000,
        [int] $TenantWritesPer5Minutes = 18000
    )
    $body = @{
        enabled = -not $Disabled; timeScale = $TimeScale; resourceUnitsPer10Seconds = $ResourceUnitsPer10Seconds
        writesPer150Seconds = $WritesPer150Seconds; appResourceUnitsPer20Seconds = $AppResourceUnitsPer20Seconds
        appWritesPer5Minutes = $AppWritesPer5Minutes; tenantWritesPer5Minutes = $TenantWritesPer5Minutes
    }
    Invoke-EmulatorControl -Emulator $Emulator -Path 'throttling' -Method POST -Body $body
}

function Get-EmulatorThrottling {
    <# .SYNOPSIS The throttling limits in force and counters {admitted, throttled, writeLimitRefusals, resourceUnitRefusals}. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'throttling'
}

function New-EmulatorFaultRule {
    <#
    .SYNOPSIS
    A fault rule for Set-EmulatorFault -Rule: -Fault hits the requests of -User (object ids or userPrincipalNames; omitted:
    every user) to -Operation (user | revokeSignInSessions | temporaryAccessPassMethods; omitted: any) with -Method
    (omitted: any), -Times times per user (omitted: always).
    .DESCRIPTION
    403, 429, 503, 504AfterApply and concurrencyViolation answer that request alone (inside a batch: that inner request;
    504AfterApply applies it first). lostAnswer and drop hit the connection: the direct request, or the whole batch holding
    a matching inner request (lostAnswer applies everything, then closes the connection; drop applies nothing).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateSet('403', '429', '503', '504AfterApply', 'concurrencyViolation', 'lostAnswer', 'drop')][string] $Fault,
        [ValidateSet('user', 'revokeSignInSessions', 'temporaryAccessPassMethods')][string] $Operation,
        [ValidateSet('GET', 'POST', 'PATCH', 'PUT', 'DELETE')][string] $Method,
        [string[]] $User,
        [ValidateRange(1, [int]::MaxValue)][int] $Times
    )
    $rule = @{ fault = $Fault }
    if ($Operation) { $rule.operation = $Operation }
    if ($Method) { $rule.method = $Method }
    if ($PSBoundParameters.ContainsKey('User')) { $rule.users = @($User) }
    if ($PSBoundParameters.ContainsKey('Times')) { $rule.times = $Times }
    $rule
}

function Set-EmulatorTapPolicy {
    <#
    .SYNOPSIS
    Replaces the tenant's Temporary Access Pass policy (graph-facts §10; what is not given takes Graph's default) and
    returns the policy in force: {state, defaultLifetimeInMinutes, minimumLifetimeInMinutes, maximumLifetimeInMinutes,
    isUsableOnce, defaultLength}. -Disabled refuses every new pass; -IsUsableOnce refuses multi-use passes. Invalid values
    (lifetimes outside 10..43,200 or not min <= default <= max, length outside 8..48) throw (HTTP 400).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [switch] $Disabled,
        [int] $DefaultLifetimeInMinutes = 60,
        [int] $MinimumLifetimeInMinutes = 60,
        [int] $MaximumLifetimeInMinutes = 480,
        [switch] $IsUsableOnce,
        [int] $DefaultLength = 8
    )
    $body = @{
        state = $(if ($Disabled) { 'disabled' } else { 'enabled' }); defaultLifetimeInMinutes = $DefaultLifetimeInMinutes
        minimumLifetimeInMinutes = $MinimumLifetimeInMinutes; maximumLifetimeInMinutes = $MaximumLifetimeInMinutes
        isUsableOnce = [bool]$IsUsableOnce; defaultLength = $DefaultLength
    }
    Invoke-EmulatorControl -Emulator $Emulator -Path 'tapPolicy' -Method POST -Body $body
}

function Get-EmulatorTapPolicy {
    <# .SYNOPSIS The Temporary Access Pass policy in force (shape of Set-EmulatorTapPolicy's answer). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'tapPolicy'
}

function Reset-EmulatorTapPolicy {
    <# .SYNOPSIS Puts Graph's default Temporary Access Pass policy back (enabled, 60/60/480 minutes, multi-use allowed, length 8). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl -Emulator $Emulator -Path 'tapPolicy' -Method DELETE | Out-Null
}

function Get-EmulatorTemporaryAccessPass {
    <#
    .SYNOPSIS
    Stored Temporary Access Passes, code included: {id, userPrincipalName, createdCount, temporaryAccessPass} per user, where
    temporaryAccessPass is {id, code, createdDateTime, startDateTime, lifetimeInMinutes, expiresDateTime, isUsableOnce} or
    $null (none, or deleted) and createdCount counts the passes created (each replaced the one before). -Key: one user (id
    or userPrincipalName); otherwise every user of the tenant, -Issued keeping those given a pass at least once.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Key, [switch] $Issued, [string] $TenantId)
    $tenantQuery = $(if ($TenantId) { 'tenantId=' + [uri]::EscapeDataString($TenantId) } else { '' })
    if ($Key) {
        $user = Invoke-EmulatorControl -Emulator $Emulator -Path ('users/' + [uri]::EscapeDataString($Key) + $(if ($tenantQuery) { "?$tenantQuery" } else { '' }))
        return [pscustomobject]@{
            id = $user.id; userPrincipalName = $user.userPrincipalName
            createdCount = $user.temporaryAccessPassCreatedCount; temporaryAccessPass = $user.temporaryAccessPass
        }
    }
    $query = @(@($(if ($Issued) { 'issued=true' }), $tenantQuery) | Where-Object { $_ })
    @(Invoke-EmulatorControl -Emulator $Emulator -Path ('temporaryAccessPasses' + $(if ($query) { '?' + ($query -join '&') } else { '' }))) | ForEach-Object { $_ }
}

function Get-EmulatorSessionRevocation {
    <#
    .SYNOPSIS
    Sign-in session revocations the emulator recorded: {id, userPrincipalName, revokedCount, lastRevoked} per user
    (revokedCount = revokeSignInSessions calls that succeeded, "revoked once" = 1; lastRevoked ISO 8601 or $null). -Key: one
    user; otherwise every user of the tenant, -Revoked keeping those revoked at least once.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Key, [switch] $Revoked, [string] $TenantId)
    $tenantQuery = $(if ($TenantId) { 'tenantId=' + [uri]::EscapeDataString($TenantId) } else { '' })
    if ($Key) {
        $user = Invoke-EmulatorControl -Emulator $Emulator -Path ('users/' + [uri]::EscapeDataString($Key) + $(if ($tenantQuery) { "?$tenantQuery" } else { '' }))
        return [pscustomobject]@{
            id = $user.id; userPrincipalName = $user.userPrincipalName
            revokedCount = $user.signInSessionsRevokedCount; lastRevoked = $user.signInSessionsRevokedDateTime
        }
    }
    $query = @(@($(if ($Revoked) { 'revoked=true' }), $tenantQuery) | Where-Object { $_ })
    @(Invoke-EmulatorControl -Emulator $Emulator -Path ('sessionRevocations' + $(if ($query) { '?' + ($query -join '&') } else { '' }))) | ForEach-Object { $_ }
}

function Add-EmulatorRoleMember {
    <#
    .SYNOPSIS
    Gives users (object ids) a directory role by template id, which decides who may reset their password; the role is added
    when the tenant has none of it. Dropped by Reset-Emulator. Returns the role {id, roleTemplateId, displayName, memberIds}.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)][string] $RoleTemplateId, [Parameter(Mandatory)][string[]] $UserId, [string] $TenantId)
    $path = 'roles/members' + $(if ($TenantId) { '?tenantId=' + [uri]::EscapeDataString($TenantId) } else { '' })
    Invoke-EmulatorControl -Emulator $Emulator -Path $path -Method POST -Body @{ roleTemplateId = $RoleTemplateId; userIds = @($UserId) }
}

Export-ModuleMember -Function Start-GraphEmulator, Stop-GraphEmulator, Invoke-EmulatorControl, New-EmulatorToken,
    Get-EmulatorRequest, Clear-EmulatorRequest, Reset-Emulator, Get-EmulatorUser, Get-EmulatorPassword,
    Set-EmulatorFault, Get-EmulatorFault, Clear-EmulatorFault, New-EmulatorFaultRule, Set-EmulatorLatency, Get-EmulatorLatency,
    Set-EmulatorThrottling, Get-EmulatorThrottling, Add-EmulatorRoleMember, Set-EmulatorTapPolicy, Get-EmulatorTapPolicy,
    Reset-EmulatorTapPolicy, Get-EmulatorTemporaryAccessPass, Get-EmulatorSessionRevocation
