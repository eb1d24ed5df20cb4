# Tab completion as PowerShell runs it (TabExpansion2), against the emulator: what completes, the exact requests Graph
# receives (one per completion at most, the $filter, $top=20), quoting that runs as typed, and no request or error
# when there is nothing to ask.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # 42 sample users + synthetic00001..synthetic00030, so 'synth' matches more than one page of 20.
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '30'
    $script:CurlyUpn = "o$([char]0x2019)brien@$Tenant"
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users' -Method POST -Body @{
        userPrincipalName = $CurlyUpn; displayName = "Renée O$([char]0x2019)Brien"; accountEnabled = $true; userType = 'Member'
    }

    # Load the SDK's code for a user listing once, so no completion below pays for that within its 3 s bound.
    Connect-TestGraph -Emulator $Emulator
    $null = Get-AadUser -Filter "startswith(displayName,'warm-up')" -Top 1

    function script:Get-Completion {
        <# TabExpansion2 at the end of the line: the CommandCompletion (matches, replacement range). #>
        param([Parameter(Mandatory)][string] $Line)
        TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
    }

    function script:Get-CompletedLine {
        <# The line as it reads after accepting one completion: the typed word replaced by its completion text. #>
        param([Parameter(Mandatory)][string] $Line, [Parameter(Mandatory)] $Completion, [Parameter(Mandatory)] $Match)
        $Line.Substring(0, $Completion.ReplacementIndex) + $Match.CompletionText + $Line.Substring($Completion.ReplacementIndex + $Completion.ReplacementLength)
    }

    function script:Get-UserQuery {
        <# The GET /v1.0/users requests the emulator received, their query options decoded. #>
        @(Get-EmulatorRequest -Emulator $Emulator -Method GET) | ForEach-Object {
            $options = [System.Web.HttpUtility]::ParseQueryString($_.query)
            [pscustomobject]@{ Path = $_.path; Filter = $options['$filter']; Top = $options['$top']; Select = $options['$select']; Status = $_.status }
        }
    }

    function script:Get-PrefixFilter([string] $Literal) {
        "startswith(userPrincipalName,'$Literal') or startswith(displayName,'$Literal')"
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Argument completion' {
    BeforeEach {
        # A fresh connection has a fresh completion cache.
        Connect-TestGraph -Emulator $Emulator
        Clear-EmulatorFault -Emulator $Emulator
        Clear-EmulatorRequest -Emulator $Emulator
    }

    It 'completes -UserPrincipalName from the tenant in one request: startswith on UPN or display name, $top=20' {
        $completion = Get-Completion 'Get-AadUser -UserPrincipalName adele'
        $completion.CompletionMatches.CompletionText | Should -Be @(
            "'`$AdeleVance@$Tenant'", "AdeleV@$Tenant", "'AdeleV_adatum.com#EXT#@$Tenant'")
        $completion.CompletionMatches.ResultType | Select-Object -Unique | Should -Be 'ParameterValue'
        $completion.CompletionMatches[0].ToolTip | Should -Be "Adele Vance (Admin): `$AdeleVance@$Tenant, id aea93cec-f288-451a-be1d-3af1c1404b4c"

        $requests = @(Get-UserQuery)
        $requests.Count | Should -Be 1
        $requests[0].Path | Should -Be '/v1.0/users'
        $requests[0].Filter | Should -BeExactly (Get-PrefixFilter 'adele')
        $requests[0].Top | Should -Be '20'
        $requests[0].Select | Should -Be 'id,userPrincipalName,displayName'
        $requests[0].Status | Should -Be 200
    }

    It 'answers a narrower prefix from the last complete answer without a request' {
        @((Get-Completion 'Get-AadUser -UserPrincipalName ad').CompletionMatches).Count | Should -Be 5
        (Get-Completion 'Get-AadUser -UserPrincipalName AdeleV_').CompletionMatches.CompletionText | Should -Be "'AdeleV_adatum.com#EXT#@$Tenant'"
        (Get-Completion "Reset-AadUserPassword -Id 'adele vance ('").CompletionMatches.CompletionText | Should -Be 'aea93cec-f288-451a-be1d-3af1c1404b4c'
        @(Get-UserQuery).Count | Should -Be 1
    }

    It 'lists at most 20 and asks again for a narrower prefix when Graph had more' {
        $first = @((Get-Completion 'Get-AadUser -UserPrincipalName synth').CompletionMatches)
        $first.Count | Should -Be 20
        $first[0].CompletionText | Should -Be "synthetic00001@$Tenant"
        $narrower = @((Get-Completion 'Get-AadUser -UserPrincipalName synthetic0002').CompletionMatches)
        $narrower.CompletionText | Should -Be (20..29 | ForEach-Object { "synthetic000$_@$Tenant" })
        # That answer was complete: a still narrower prefix needs no request.
        (Get-Completion 'Get-AadUser -UserPrincipalName synthetic00025').CompletionMatches.CompletionText | Should -Be "synthetic00025@$Tenant"

        $requests = @(Get-UserQuery)
        $requests.Filter | Should -Be @((Get-PrefixFilter 'synth'), (Get-PrefixFilter 'synthetic0002'))
        $requests.Top | Should -Be @('20', '20')
    }

    It 'quotes <Name> so the completed command runs as typed and gets that user' -TestCases @(
        @{ Name = 'an apostrophe'; Typed = "'Ciara.O''N"; Literal = "Ciara.O''N"; Upn = "Ciara.O'Neil@M365x214355.onmicrosoft.com"; Text = "'Ciara.O''Neil@M365x214355.onmicrosoft.com'" }
        @{ Name = 'a leading $'; Typed = "'`$AdeleV"; Literal = '$AdeleV'; Upn = '$AdeleVance@M365x214355.onmicrosoft.com'; Text = "'`$AdeleVance@M365x214355.onmicrosoft.com'" }
        @{ Name = '#EXT#'; Typed = 'a_con'; Literal = 'a_con'; Upn = 'a_contoso.com#EXT#@M365x214355.onmicrosoft.com'; Text = "'a_contoso.com#EXT#@M365x214355.onmicrosoft.com'" }
        @{ Name = 'a typographic apostrophe'; Typed = 'o'; Literal = 'o'; Upn = "o$([char]0x2019)brien@M365x214355.onmicrosoft.com"; Text = "'o$([char]0x2019)$([char]0x2019)brien@M365x214355.onmicrosoft.com'" }
        @{ Name = 'nothing (a plain UPN)'; Typed = 'AlexW'; Literal = 'AlexW'; Upn = 'AlexW@M365x214355.onmicrosoft.com'; Text = 'AlexW@M365x214355.onmicrosoft.com' }
    ) {
        $line = "Get-AadUser -UserPrincipalName $Typed"
        $completion = Get-Completion $line
        $match = $completion.CompletionMatches | Where-Object ListItemText -CEQ $Upn
        $match.CompletionText | Should -BeExactly $Text
        (Get-UserQuery)[0].Filter | Should -BeExactly (Get-PrefixFilter $Literal)

        $completed = Get-CompletedLine -Line $line -Completion $completion -Match $match
        $user = & ([scriptblock]::Create($completed))
        $user.UserPrincipalName | Should -BeExactly $Upn
    }

    It 'completes -Id (and its aliases) with the object id of users found by name, the UPN as list text' {
        $line = 'Get-AadUser -ObjectId Renée'
        $completion = Get-Completion $line
        $completion.CompletionMatches | Should -HaveCount 1
        $match = $completion.CompletionMatches[0]
        $id = (Get-EmulatorUser -Emulator $Emulator -Key $CurlyUpn).id
        $match.CompletionText | Should -Be $id
        $match.ListItemText | Should -Be $CurlyUpn
        $match.ToolTip | Should -Be "Renée O$([char]0x2019)Brien: $CurlyUpn, id $id"
        (Get-UserQuery)[0].Filter | Should -BeExactly (Get-PrefixFilter 'Renée')
        (& ([scriptblock]::Create((Get-CompletedLine -Line $line -Completion $completion -Match $match)))).Id | Should -Be $id

        (Get-Completion 'Reset-AadUserPassword -Id AdeleV@').CompletionMatches.CompletionText | Should -Be '87d349ed-44d7-43e1-9a83-5f2406dee5bd'
    }

    It 'completes on both cmdlets, by alias and by position, and after a comma' {
        (Get-Completion 'Reset-AadUserPassword -UserPrincipalName AlexW').CompletionMatches.CompletionText | Should -Be "AlexW@$Tenant"
        (Get-Completion 'Get-AadUser -UPN AllanD').CompletionMatches.CompletionText | Should -Be "AllanD@$Tenant"
        (Get-Completion 'Get-AadUser BenW').CompletionMatches.CompletionText | Should -Be "BenW@$Tenant"
        (Get-Completion "Reset-AadUserPassword AlexW@$Tenant, DiegoS").CompletionMatches.CompletionText | Should -Be "DiegoS@$Tenant"
        @(Get-UserQuery).Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $Emulator -Method PATCH).Count | Should -Be 0
    }

    It 'sends nothing for an empty word (no file names either), nor when not connected, and leaves no error' {
        $errors = $Error.Count
        foreach ($line in 'Get-AadUser -UserPrincipalName ', "Get-AadUser -UserPrincipalName ''", 'Reset-AadUserPassword -Id ') {
            @((Get-Completion $line).CompletionMatches).Count | Should -Be 0 -Because "'$line' has no prefix to look for"
        }
        Disconnect-AadGraph
        @((Get-Completion 'Get-AadUser -UserPrincipalName adele').CompletionMatches).Count | Should -Be 0
        @((Get-Completion 'Reset-AadUserPassword -Id adele').CompletionMatches).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
        $Error.Count | Should -Be $errors
    }

    It 'completes nothing after a single request when Graph answers <Status>, and asks again next time' -TestCases @(
        @{ Status = 503 }, @{ Status = 429 }
    ) {
        $null = Set-EmulatorFault -Emulator $Emulator -Rates @{ "$Status" = 1.0 } -RetryAfterSeconds 0
        $errors = $Error.Count
        @((Get-Completion 'Get-AadUser -UserPrincipalName adele').CompletionMatches).Count | Should -Be 0
        $requests = @(Get-UserQuery)
        $requests.Count | Should -Be 1 -Because 'a completion never retries'
        $requests[0].Status | Should -Be $Status
        $Error.Count | Should -Be $errors

        Clear-EmulatorFault -Emulator $Emulator
        @((Get-Completion 'Get-AadUser -UserPrincipalName adele').CompletionMatches).Count | Should -Be 3
        @(Get-UserQuery).Count | Should -Be 2
    }

    It 'gives up on a Graph that does not answer in time, and completes nothing' {
        # 60 s is far beyond the completion's 3 s bound, so the outcome does not depend on how loaded the machine is.
        $null = Set-EmulatorLatency -Emulator $Emulator -FixedMs 60000
        try {
            @((Get-Completion 'Get-AadUser -UserPrincipalName adele').CompletionMatches).Count | Should -Be 0
        }
        finally {
            $null = Set-EmulatorLatency -Emulator $Emulator -FixedMs 0
        }
        # The abandoned request is logged once the emulator sees the connection close.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (@(Get-UserQuery).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-UserQuery).Count | Should -Be 1
        @((Get-Completion 'Get-AadUser -UserPrincipalName adele').CompletionMatches).Count | Should -Be 3
    }

    It 'completes -Property from the user schema without a request' {
        $completion = Get-Completion 'Get-AadUser -UserPrincipalName x -Property employ'
        $completion.CompletionMatches.CompletionText | Should -Be @('employeeHireDate', 'employeeId', 'employeeLeaveDateTime', 'employeeOrgData', 'employeeType')
        (Get-Completion 'Get-AadUser -Property passwordPolicies, onPremisesS').CompletionMatches.CompletionText |
            Should -Be @('onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled')
        $all = @((Get-Completion 'Get-AadUser -Property ').CompletionMatches)
        $all.Count | Should -BeGreaterThan 70
        $all.CompletionText | Should -Not -Contain 'manager'
        $all.ResultType | Select-Object -Unique | Should -Be 'ParameterValue'
        @(Get-EmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'completes -Environment with the national clouds (PowerShell completes the enum parameter itself)' {
        (Get-Completion 'Connect-AadGraph -Environment ').CompletionMatches.CompletionText | Should -Be @('China', 'Global', 'USGov', 'USGovDoD')
        (Get-Completion 'Connect-AadGraph -Environment usg').CompletionMatches.CompletionText | Should -Be @('USGov', 'USGovDoD')
    }
}
