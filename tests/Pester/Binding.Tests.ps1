# Issue 8, cases 3 and 6: Get-AadUser and Reset-AadUserPassword take the same identity inputs — strings, lists on one
# identity parameter, CSV columns (names matched ignoring case and surrounding spaces), their own objects, Get-MgUser- and
# Get-EntraUser-shaped objects, hashtables — and every input that names no user gets InvalidUserIdentity with the input
# itself as TargetObject while the pipeline goes on. Each test asserts the exact requests the emulator received.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    $script:Ids = @{}
    foreach ($name in 'AlexW', 'DiegoS', 'MeganB') { $Ids[$name] = (Get-EmulatorUser -Emulator $Emulator -Key "$name@$Tenant").id }
    $script:FullIds = @{
        'Get-AadUser'           = 'PasswordReset.Commands.GetAadUserCommand'
        'Reset-AadUserPassword' = 'PasswordReset.Commands.ResetAadUserPasswordCommand'
    }

    # A Get-MgUser object is a typed .NET object (Microsoft.Graph.PowerShell.Models.MicrosoftGraphUser), not a
    # PSCustomObject: a class of the same shape stands in for it.
    class MicrosoftGraphUser {
        [string] $Id
        [string] $UserPrincipalName
        [string] $DisplayName
        [hashtable] $AdditionalProperties = @{}
    }

    # Runs a cmdlet the same way for both: Reset needs -Force and emits results; both emit users' UPNs.
    function Invoke-Identity {
        param([Parameter(Mandatory)] [string] $Cmdlet, [scriptblock] $Pipeline, [hashtable] $Splat = @{})
        if ($Cmdlet -eq 'Reset-AadUserPassword') { $Splat = $Splat + @{ Force = $true } }
        if ($Pipeline) { & $Pipeline | & $Cmdlet @Splat } else { & $Cmdlet @Splat }
    }

    # True when an error's TargetObject is the very input (the same row object, or an equal value).
    function Test-SameInput([object] $Target, [object] $Input0) {
        if ($Input0 -is [psobject] -and $Input0.psobject.BaseObject -is [System.Management.Automation.PSCustomObject]) {
            return [object]::ReferenceEquals($Target, $Input0)
        }
        return $Target -eq $Input0
    }

    # "GET <key>" / "PATCH <key>" for every Graph operation the emulator received (inner $batch requests included).
    function Get-Calls {
        @(Get-EmulatorRequest -Emulator $Emulator | ForEach-Object { "$($_.method) $($_.key)" } | Sort-Object)
    }

    # What each cmdlet sends for users named by $Keys (lookup keys) whose object ids are $ResetIds.
    function Expected-Calls {
        param([string] $Cmdlet, [string[]] $Keys, [string[]] $ResetIds, [switch] $NoLookup)
        $calls = @()
        if (-not $NoLookup) { $calls += $Keys | ForEach-Object { "GET $_" } }
        if ($Cmdlet -eq 'Reset-AadUserPassword') { $calls += $ResetIds | ForEach-Object { "PATCH $_" } }
        @($calls | Sort-Object)
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Identity binding: <_>' -ForEach 'Get-AadUser', 'Reset-AadUserPassword' {
    BeforeAll { $script:Cmd = $_ }

    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator
    }

    It 'binds CSV columns whose names differ in case and surrounding spaces: <Header>' -TestCases @(
        @{ Header = 'UserPrincipalName '; Kind = 'upn' }
        @{ Header = ' upn'; Kind = 'upn' }
        @{ Header = 'USERPRINCIPALNAME'; Kind = 'upn' }
        @{ Header = 'ObjectId'; Kind = 'id' }
        @{ Header = ' userid '; Kind = 'id' }
        @{ Header = 'User principal name'; Kind = 'upn' }
        @{ Header = 'Object Id'; Kind = 'id' }
        @{ Header = 'ID'; Kind = 'id' }
    ) {
        $csv = Join-Path $TestDrive 'users.csv'
        $keys = if ($Kind -eq 'upn') { "AlexW@$Tenant", "DiegoS@$Tenant" } else { $Ids.AlexW, $Ids.DiegoS }
        # Values keep today's rule: surrounding spaces are trimmed.
        @("`"$Header`",Department") + ($keys | ForEach-Object { "`" $_ `",Sales" }) | Set-Content $csv
        $out = @(Invoke-Identity $Cmd -Pipeline { Import-Csv $csv } -ErrorVariable errs)
        $errs.Count | Should -Be 0
        @($out.UserPrincipalName | Sort-Object) | Should -Be @("AlexW@$Tenant", "DiegoS@$Tenant")
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $keys -ResetIds $Ids.AlexW, $Ids.DiegoS)
    }

    It 'takes a list on -UserPrincipalName, and on -Id' {
        $a = @(Invoke-Identity $Cmd -Splat @{ UserPrincipalName = "AlexW@$Tenant", "DiegoS@$Tenant" })
        $b = @(Invoke-Identity $Cmd -Splat @{ Id = $Ids.MeganB, $Ids.AlexW })
        $a.Count + $b.Count | Should -Be 4
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys "AlexW@$Tenant", "DiegoS@$Tenant", $Ids.MeganB, $Ids.AlexW -ResetIds $Ids.AlexW, $Ids.DiegoS, $Ids.MeganB, $Ids.AlexW)
    }

    It 'takes positional and piped strings; a piped GUID is an object id' {
        $a = @(if ($Cmd -eq 'Reset-AadUserPassword') { Reset-AadUserPassword "AlexW@$Tenant" -Force } else { Get-AadUser "AlexW@$Tenant" })
        $b = @(Invoke-Identity $Cmd -Pipeline { "DiegoS@$Tenant"; $Ids.MeganB.ToUpperInvariant() })
        $a.Count + $b.Count | Should -Be 3
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys "AlexW@$Tenant", "DiegoS@$Tenant", $Ids.MeganB -ResetIds $Ids.AlexW, $Ids.DiegoS, $Ids.MeganB)
    }

    It 'refuses -UserPrincipalName and -Id both given as lists: ParameterConflict, nothing sent' -TestCases @(
        @{ Splat = @{ UserPrincipalName = 'a@x.com', 'b@x.com'; Id = 'c' } }
        @{ Splat = @{ UserPrincipalName = 'a@x.com'; Id = 'c', 'd' } }
    ) {
        $err = $null
        try { Invoke-Identity $Cmd -Splat $Splat -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "ParameterConflict,$($FullIds[$Cmd])"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -BeNullOrEmpty
        Get-Calls | Should -Be @()
    }

    It 'names one user by id when one -UserPrincipalName and one -Id are given, and warns when they differ' {
        $out = @(Invoke-Identity $Cmd -Splat @{ UserPrincipalName = "DiegoS@$Tenant"; Id = $Ids.AlexW } -WarningVariable warn -WarningAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $Ids.AlexW
        "$warn" | Should -Match "object id $($Ids.AlexW) belongs to 'AlexW@$Tenant'"
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.AlexW -ResetIds $Ids.AlexW)
    }

    It 'targets the id it used, not the UPN''s user, when one -UserPrincipalName and one -Id fail' {
        $gone = '00000000-0000-0000-0000-000000000002'
        $out = @(Invoke-Identity $Cmd -Splat @{ UserPrincipalName = "AlexW@$Tenant"; Id = "{$gone}" } -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "UserNotFound,$($FullIds[$Cmd])"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        # As given (braces kept): a script that retries failed targets retries the same user, never AlexW.
        $errs[0].TargetObject | Should -Be "{$gone}"
        Get-Calls | Should -Be @("GET $gone")
    }

    It 'takes its own and the other cmdlet''s objects; a Get-AadUser object needs no lookup to be reset' {
        $users = @(Get-AadUser -UserPrincipalName "AlexW@$Tenant", "DiegoS@$Tenant")
        Clear-EmulatorRequest -Emulator $Emulator
        $out = @(Invoke-Identity $Cmd -Pipeline { $users })
        @($out.Id | Sort-Object) | Should -Be @(@($Ids.AlexW, $Ids.DiegoS) | Sort-Object)
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.AlexW, $Ids.DiegoS -ResetIds $Ids.AlexW, $Ids.DiegoS -NoLookup:($Cmd -eq 'Reset-AadUserPassword'))
    }

    It 'takes Get-MgUser-, Get-EntraUser-shaped objects and hashtables, by object id' {
        $mg = [MicrosoftGraphUser]@{ Id = $Ids.AlexW; UserPrincipalName = "AlexW@$Tenant"; DisplayName = 'Alex Wilber' }
        $entra = [pscustomobject]@{ ObjectId = $Ids.DiegoS; Id = $Ids.DiegoS; UserPrincipalName = "DiegoS@$Tenant"; AccountEnabled = $true }
        $table = @{ userPrincipalName = "MeganB@$Tenant" }
        $out = @(Invoke-Identity $Cmd -Pipeline { $mg; $entra; $table } -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 3
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.AlexW, $Ids.DiegoS, "MeganB@$Tenant" -ResetIds $Ids.AlexW, $Ids.DiegoS, $Ids.MeganB)
    }

    It 'takes a list given to -InputObject item by item' {
        $out = @(Invoke-Identity $Cmd -Splat @{ InputObject = @("AlexW@$Tenant", [pscustomobject]@{ Id = $Ids.DiegoS }) })
        $out.Count | Should -Be 2
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys "AlexW@$Tenant", $Ids.DiegoS -ResetIds $Ids.AlexW, $Ids.DiegoS)
    }

    It 'makes an object id in braces or upper case the canonical id: <Value>' -TestCases @(
        @{ Value = '{87d349ed-44d7-43e1-9a83-5f2406dee5bd}' }
        @{ Value = '87D349ED-44D7-43E1-9A83-5F2406DEE5BD' }
        @{ Value = '{87D349ED-44D7-43E1-9A83-5F2406DEE5BD}' }
    ) {
        $canonical = '87d349ed-44d7-43e1-9a83-5f2406dee5bd'
        (Get-EmulatorUser -Emulator $Emulator -Key $canonical).id | Should -Be $canonical
        $a = @(Invoke-Identity $Cmd -Splat @{ Id = $Value })
        $b = @(Invoke-Identity $Cmd -Pipeline { $Value })
        $c = @(Invoke-Identity $Cmd -Pipeline { [pscustomobject]@{ ObjectId = $Value } })
        @($a + $b + $c).Count | Should -Be 3
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $canonical, $canonical, $canonical -ResetIds $canonical, $canonical, $canonical)
    }

    It 'reports every input that names no user with the input itself as TargetObject, and goes on' {
        $noColumn = [pscustomobject]@{ Name = 'Alex'; Department = 'Sales' }
        $emptyCells = [pscustomobject]@{ 'UserPrincipalName ' = ''; Id = '' }
        $blank = [pscustomobject]@{ UPN = '   ' }
        $disagree = [pscustomobject]@{ Id = $Ids.AlexW; ObjectId = $Ids.DiegoS }
        $list = [pscustomobject]@{ UserPrincipalName = @("AlexW@$Tenant", "DiegoS@$Tenant") }
        $number = 42
        $inputs = @($null, $noColumn, $emptyCells, $blank, $disagree, $list, $number)
        $out = @(Invoke-Identity $Cmd -Pipeline { $null; $noColumn; "MeganB@$Tenant"; $emptyCells; $blank; $disagree; $list; $number } -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].UserPrincipalName | Should -Be "MeganB@$Tenant"
        $errs.Count | Should -Be $inputs.Count
        for ($i = 0; $i -lt $inputs.Count; $i++) {
            $errs[$i].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$($FullIds[$Cmd])"
            $errs[$i].CategoryInfo.Category | Should -Be 'InvalidArgument'
            if ($null -eq $inputs[$i]) { $errs[$i].TargetObject | Should -BeNullOrEmpty }
            else { Test-SameInput $errs[$i].TargetObject $inputs[$i] | Should -BeTrue -Because "error $i targets its own input" }
        }
        $errs[4].Exception.Message | Should -Match 'two different users'
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys "MeganB@$Tenant" -ResetIds $Ids.MeganB)
    }

    It 'reads an XML element as one record, piped or given to -InputObject (an element is not a list of its children)' {
        [xml] $xml = "<users><user Id='$($Ids.AlexW)' /><user><UserPrincipalName>DiegoS@$Tenant</UserPrincipalName></user></users>"
        $a = @(Invoke-Identity $Cmd -Pipeline { $xml.users.user } -ErrorVariable errs)
        $b = @(Invoke-Identity $Cmd -Splat @{ InputObject = $xml.users.user[0] } -ErrorVariable errs2)
        $errs.Count + $errs2.Count | Should -Be 0
        @(@($a + $b).UserPrincipalName | Sort-Object) | Should -Be @("AlexW@$Tenant", "AlexW@$Tenant", "DiegoS@$Tenant")
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.AlexW, "DiegoS@$Tenant", $Ids.AlexW -ResetIds $Ids.AlexW, $Ids.DiegoS, $Ids.AlexW)
    }

    It 'takes a database row''s empty cell (DBNull) as absent, as an empty CSV cell, piped or given to -InputObject' {
        $table = [System.Data.DataTable]::new()
        [void] $table.Columns.Add('Id')
        [void] $table.Columns.Add('UserPrincipalName')
        [void] $table.Rows.Add([DBNull]::Value, "AlexW@$Tenant")
        [void] $table.Rows.Add($Ids.DiegoS, [DBNull]::Value)
        $a = @(Invoke-Identity $Cmd -Pipeline { $table } -ErrorVariable errs)
        $b = @(Invoke-Identity $Cmd -Splat @{ InputObject = $table } -ErrorVariable errs2)
        $errs.Count + $errs2.Count | Should -Be 0
        $a.Count + $b.Count | Should -Be 4
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys "AlexW@$Tenant", $Ids.DiegoS, "AlexW@$Tenant", $Ids.DiegoS -ResetIds $Ids.AlexW, $Ids.DiegoS, $Ids.AlexW, $Ids.DiegoS)
    }

    It 'reads a Get-AadUser object whose Id was shadowed (Add-Member -Force) as the record it shows: looked up by that id, with the mismatch warning' {
        $user = Get-AadUser -UserPrincipalName "AlexW@$Tenant"
        $user | Add-Member -Force -NotePropertyName Id -NotePropertyValue $Ids.MeganB
        Clear-EmulatorRequest -Emulator $Emulator
        $out = @(Invoke-Identity $Cmd -Pipeline { $user } -WarningVariable warn -WarningAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $Ids.MeganB
        "$warn" | Should -Match "named 'AlexW@$Tenant' but object id $($Ids.MeganB) belongs to 'MeganB@$Tenant'"
        # Never Alex (the object's hidden Graph id) without a lookup: Megan, the id it shows, after a lookup.
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.MeganB -ResetIds $Ids.MeganB)
    }

    It 'reads an empty module object given an Id (Add-Member) as a record: looked up by that id' {
        $made = [PasswordReset.AadUser]::new() | Add-Member -Force -NotePropertyName Id -NotePropertyValue $Ids.MeganB -PassThru
        $out = @(Invoke-Identity $Cmd -Pipeline { $made })
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $Ids.MeganB
        Get-Calls | Should -Be (Expected-Calls $Cmd -Keys $Ids.MeganB -ResetIds $Ids.MeganB)
    }

    It 'refuses a Get-AadUser object given a second, different id column, with the object as TargetObject, and sends nothing' {
        $user = Get-AadUser -UserPrincipalName "AlexW@$Tenant"
        $user | Add-Member -NotePropertyName ObjectId -NotePropertyValue $Ids.MeganB
        Clear-EmulatorRequest -Emulator $Emulator
        $out = @(Invoke-Identity $Cmd -Pipeline { $user } -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$($FullIds[$Cmd])"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        [object]::ReferenceEquals($errs[0].TargetObject, $user) | Should -BeTrue
        $errs[0].Exception.Message | Should -Match 'two different users'
        Get-Calls | Should -Be @()
    }

    It 'refuses an object on -UserPrincipalName at binding, without repeating it, and sends nothing' {
        $row = [pscustomobject]@{ UserPrincipalName = "AlexW@$Tenant"; Note = 'S3cret!' }
        $err = $null
        try { Invoke-Identity $Cmd -Splat @{ UserPrincipalName = $row } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Match '^ParameterArgumentTransformationError'
        $err.Exception.Message | Should -Match 'Pipe objects'
        $err.Exception.Message | Should -Not -Match 'S3cret'
        Get-Calls | Should -Be @()
    }

    It 'gives one InvalidUserIdentity for an empty list or $null on -UserPrincipalName, and never lists the tenant' -TestCases @(
        @{ Value = @() }, @{ Value = $null }, @{ Value = '' }
    ) {
        $out = @(Invoke-Identity $Cmd -Splat @{ UserPrincipalName = $Value } -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidUserIdentity,$($FullIds[$Cmd])"
        Get-Calls | Should -Be @()
    }
}

Describe 'Identity binding: the syntax an admin sees' {
    It 'shows one identity form, one pipeline form<_>' -ForEach 'Get-AadUser', 'Reset-AadUserPassword' {
        $sets = (Get-Command $_).ParameterSets
        $identity = $sets | Where-Object Name -eq 'Identity'
        $identity.Parameters.Name | Should -Contain 'UserPrincipalName'
        $identity.Parameters.Name | Should -Contain 'Id'
        $pipeline = $sets | Where-Object Name -eq 'InputObject'
        ($pipeline.Parameters | Where-Object ValueFromPipeline).Name | Should -Be 'InputObject'
        # No other parameter takes pipeline input, so every piped object goes through one reader.
        @($sets.Parameters | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } | Select-Object -ExpandProperty Name -Unique) | Should -Be @('InputObject')
    }
}
