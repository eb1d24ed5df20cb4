# Starts, stops and inspects the local Graph emulator (tests/GraphEmulator) for the Pester suite and the demo.
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
    The Graph requests the emulator received (password values redacted), optionally by method. The inner requests of a
    $batch are entries of their own (with batchSequence/batchRequestId); the outer POST /$batch entries are left out
    unless -IncludeBatch, so counts mean Graph operations however they were sent.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Method, [switch] $IncludeBatch)
    # Invoke-RestMethod passes a JSON array as one object: unroll it.
    $all = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'requests') | ForEach-Object { $_ }
    if (-not $IncludeBatch) { $all = @($all | Where-Object { $_.path -notmatch '/\$batch$' }) }
    if ($Method) { $all = @($all | Where-Object method -EQ $Method) }
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

Export-ModuleMember -Function Start-GraphEmulator, Stop-GraphEmulator, Invoke-EmulatorControl, New-EmulatorToken,
    Get-EmulatorRequest, Clear-EmulatorRequest, Reset-Emulator, Get-EmulatorUser
