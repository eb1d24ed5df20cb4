# Issue 10: Temporary Access Passes in bulk (New-AadUserTemporaryAccessPass), against the emulator over HTTP, asserting
# what it received and stored: the code emitted is the one in force, the policy decides what is not sent, refusals have
# their named errors, and faults never lose a pass Graph created. Failure messages compare codes, never print them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'BulkHelpers.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll -ArgumentList '--synthetic', '500'
    $script:PassId = 'PasswordReset.Commands.NewAadUserTemporaryAccessPassCommand'
    $script:Synthetic = @(1..500 | ForEach-Object { 'synthetic{0:d5}@{1}' -f $_, $Tenant })

    function script:Get-StoredPass {
        <# Per user id, the pass the emulator holds ({code, lifetimeInMinutes, isUsableOnce, startDateTime, ...}) and how many were created. #>
        $map = @{}
        foreach ($row in @(Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Issued)) { $map[$row.id] = $row }
        $map
    }

    function script:Assert-CodesInForce([object[]] $Results) {
        <# Each result's code is the pass Graph holds for that user now. #>
        $stored = Get-StoredPass
        foreach ($result in $Results) {
            ($stored[$result.Id].temporaryAccessPass.code -ceq $result.TemporaryAccessPass) | Should -BeTrue -Because "$($result.UserPrincipalName)'s result holds the code in force"
            $stored[$result.Id].temporaryAccessPass.lifetimeInMinutes | Should -Be $result.LifetimeInMinutes
        }
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'New-AadUserTemporaryAccessPass' {
    BeforeEach {
        Reset-Emulator -Emulator $Emulator
        Connect-TestGraph -Emulator $Emulator -Claims $AllClaims
    }
    AfterEach { Clear-EmulatorFault -Emulator $Emulator }

    It 'gives 500 users from Get-AadUser each a pass whose code is the stored one, for the policy''s default lifetime, in batches and without lookups' {
        $null = Set-EmulatorTapPolicy -Emulator $Emulator -DefaultLifetimeInMinutes 120
        $users = @(Get-AadUser -Filter "startswith(userPrincipalName,'synthetic')" -All -PageSize 999)
        $users.Count | Should -Be 500
        Clear-EmulatorRequest -Emulator $Emulator

        $results = @($users | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs.Count | Should -Be 0 -Because "$(@($errs | Select-Object -First 3) -join '; ')"
        $results.Count | Should -Be 500
        @($results.Id | Sort-Object -Unique).Count | Should -Be 500
        Assert-CodesInForce $results
        $stored = Get-StoredPass
        $stored.Count | Should -Be 500
        foreach ($result in $results) {
            $result | Should -BeOfType [PasswordReset.TemporaryAccessPassResult]
            $stored[$result.Id].createdCount | Should -Be 1
            $result.LifetimeInMinutes | Should -Be 120 -Because 'an omitted lifetime is the policy''s default'
            $result.IsUsableOnce | Should -BeFalse
            $result.ExpiresAt | Should -Be $result.StartDateTime.AddMinutes(120)
            $result.MethodId | Should -Be $stored[$result.Id].temporaryAccessPass.id
            $result.RequestId | Should -Not -BeNullOrEmpty
        }
        $requests = @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch)
        @($requests | Where-Object method -EQ 'GET').Count | Should -Be 0 -Because 'Get-AadUser objects need no lookup'
        $posts = @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -match 'temporaryAccessPassMethods$' })
        $posts.Count | Should -Be 500
        @($posts | Where-Object { ($_.body | ConvertTo-Json -Compress) -ne '{}' }).Count | Should -Be 0 -Because 'what was not given is not sent'
        @($posts | Where-Object { $null -eq $_.batchSequence }).Count | Should -Be 0
        @($requests | Where-Object path -Match '/\$batch$').Count | Should -BeLessThan 50
    }

    It 'sends -LifetimeInMinutes, -IsUsableOnce and -StartDateTime as given, and -IsUsableOnce:$false too' {
        $start = [DateTime]::new(2031, 3, 4, 5, 6, 0, [DateTimeKind]::Utc)
        $once = New-AadUserTemporaryAccessPass -UserPrincipalName "AdeleV@$Tenant" -LifetimeInMinutes 240 -IsUsableOnce -StartDateTime $start -Force
        $many = New-AadUserTemporaryAccessPass -UserPrincipalName "AlexW@$Tenant" -IsUsableOnce:$false -Force
        $bodies = @(Get-EmulatorRequest -Emulator $Emulator -Method POST | ForEach-Object body)
        @($bodies[0].PSObject.Properties.Name) | Should -Be 'lifetimeInMinutes', 'isUsableOnce', 'startDateTime'
        ($bodies[0].lifetimeInMinutes, $bodies[0].isUsableOnce) | Should -Be @(240, $true)
        ([DateTimeOffset]$bodies[0].startDateTime).UtcDateTime | Should -Be $start
        $bodies[1] | ConvertTo-Json -Compress | Should -Be '{"isUsableOnce":false}'
        ($once.LifetimeInMinutes, $once.IsUsableOnce, $once.StartDateTime, $once.ExpiresAt) | Should -Be @(240, $true, [DateTimeOffset]$start, [DateTimeOffset]$start.AddHours(4))
        $many.IsUsableOnce | Should -BeFalse
        Assert-CodesInForce @($once, $many)
    }

    It 'refuses a lifetime outside 10..43,200 minutes before any request' -TestCases @(@{ Minutes = 9 }, @{ Minutes = 43201 }) {
        Clear-EmulatorRequest -Emulator $Emulator
        { New-AadUserTemporaryAccessPass -UserPrincipalName "AdeleV@$Tenant" -LifetimeInMinutes $Minutes -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PasswordReset.Commands.NewAadUserTemporaryAccessPassCommand'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'refuses a -StartDateTime in the past or at the end of time before any request: <Name>' -TestCases @(
        @{ Name = 'three days ago'; Start = { (Get-Date).AddDays(-3) } }
        @{ Name = 'DateTime.MinValue'; Start = { [datetime]::MinValue } }
        @{ Name = 'DateTime.MaxValue'; Start = { [datetime]::MaxValue } }
    ) {
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        try { New-AadUserTemporaryAccessPass -UserPrincipalName "AdeleV@$Tenant" -StartDateTime (& $Start) -Force } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "InvalidAccessPassStart,$PassId"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match 'Nothing was sent'
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'gives AccessPassLifetimeRefused for a lifetime outside the policy''s range (Graph''s answer), and stores no pass' {
        $results = @($Synthetic[0..2] | New-AadUserTemporaryAccessPass -LifetimeInMinutes 30 -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 3
        foreach ($err in $errs) {
            $err.FullyQualifiedErrorId | Should -Be "AccessPassLifetimeRefused,$PassId"
            "$err" | Should -Match "Creating a Temporary Access Pass for '.+' failed: Graph answered 400"
            "$err" | Should -Match 'from 60 to 480'
            $err.ErrorDetails.RecommendedAction | Should -Match '-LifetimeInMinutes'
        }
        (Get-StoredPass).Count | Should -Be 0
    }

    It 'gives AccessPassPolicyRefused when <Name>, and stores no pass' -TestCases @(
        @{ Name = 'the policy is disabled'; Policy = @{ Disabled = $true }; Extra = @{}; Says = 'UserCredentialPolicy' }
        @{ Name = 'the policy allows one-time passes only'; Policy = @{ IsUsableOnce = $true }; Extra = @{ IsUsableOnce = $false }; Says = 'one-time' }
    ) {
        $null = Set-EmulatorTapPolicy -Emulator $Emulator @Policy
        $results = @($Synthetic[0..3] | New-AadUserTemporaryAccessPass -Force @Extra -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $errs.Count | Should -Be 4
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "AccessPassPolicyRefused,$PassId"; "$_" | Should -Match $Says }
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'policy'
        (Get-StoredPass).Count | Should -Be 0
    }

    It 'replaces the first pass with a second one, and the confirmation text and verbose line say a new pass replaces the old' {
        $first = New-AadUserTemporaryAccessPass -UserPrincipalName "AdeleV@$Tenant" -Force
        $second = New-AadUserTemporaryAccessPass -UserPrincipalName "AdeleV@$Tenant" -Force -Verbose 4>&1
        $verbose = @($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $second = @($second | Where-Object { $_ -is [PasswordReset.TemporaryAccessPassResult] })[0]
        ($first.TemporaryAccessPass -ceq $second.TemporaryAccessPass) | Should -BeFalse -Because 'a new pass has a new code'
        $first.MethodId | Should -Not -Be $second.MethodId
        $stored = Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant"
        $stored.createdCount | Should -Be 2
        ($stored.temporaryAccessPass.code -ceq $second.TemporaryAccessPass) | Should -BeTrue -Because 'the second pass replaced the first'
        $verbose[0].Message | Should -Match 'it replaces any pass the user has'

        # The question ShouldProcess asks (and -WhatIf prints) says so before anything is sent.
        $script = Join-Path $TestDrive 'whatif.ps1'
        @"
param(`$Manifest, `$Endpoint)
Import-Module `$Manifest
Connect-AadGraph -AccessToken (ConvertTo-SecureString `$env:AADGRAPH_TEST_TOKEN -AsPlainText -Force) -GraphEndpoint `$Endpoint
New-AadUserTemporaryAccessPass -UserPrincipalName 'AdeleV@$Tenant' -WhatIf
"@ | Set-Content -LiteralPath $script
        Clear-EmulatorRequest -Emulator $Emulator
        $child = Start-ModuleChild -Script $script -Emulator $Emulator -Claims $AllClaims
        $child.Process.WaitForExit(60000) | Should -BeTrue
        $child.Stdout.Result | Should -Match ([regex]::Escape('What if: Performing the operation "Create a Temporary Access Pass (it replaces any pass the user has)" on target "AdeleV@'))
        @(Get-EmulatorRequest -Emulator $Emulator -Method POST).Count | Should -Be 0
        (Get-EmulatorTemporaryAccessPass -Emulator $Emulator -Key "AdeleV@$Tenant").createdCount | Should -Be 2
    }

    It 'refuses external users before any create, with ExternalUserAccessPassNotAllowed' {
        $guest = "guest_fabrikam.com#EXT#@$Tenant"
        $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users' -Method POST -Body @{ userPrincipalName = $guest; displayName = 'A Guest'; userType = 'Guest'; creationType = 'Invitation' }
        $results = @($guest, "AdeleV@$Tenant" | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.UserPrincipalName | Should -Be "AdeleV@$Tenant"
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ExternalUserAccessPassNotAllowed,$PassId"
        $errs[0].TargetObject | Should -Be $guest
        @(Get-EmulatorRequest -Emulator $Emulator -Method POST).key | Should -Be $results[0].Id
    }

    It 'gives each user the role may not act on its own PermissionDenied error naming the pass roles' {
        $null = Add-EmulatorRoleMember -Emulator $Emulator -RoleTemplateId '62e90394-69f5-4237-9190-012177145e10' -UserId (Get-AadUser -UserPrincipalName $Synthetic[1]).Id
        # An Authentication Administrator may give passes to members only, not to a Global Administrator.
        $claims = @{ scp = 'User.Read.All UserAuthenticationMethod.ReadWrite.All'; wids = @('c4e39bd9-1100-46d3-8c65-fb160da0071f') }
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims $claims) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        $results = @($Synthetic[0..2] | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue)
        $results.Count | Should -Be 2
        $errs.FullyQualifiedErrorId | Should -Be "PermissionDenied,$PassId"
        $errs[0].TargetObject | Should -Be $Synthetic[1]
        "$($errs[0])" | Should -Match 'Authentication Administrator may for members only'
        "$warn" | Should -Match '1 pass was refused with 403'
        Assert-CodesInForce $results
    }

    It 'stops with one AccessPassPermissionMissing error before any request when <Name>' -TestCases @(
        @{ Name = 'the app lacks the permission'; Claims = @{ roles = @('User.Read.All', 'User-PasswordProfile.ReadWrite.All'); wids = @('7be44c8a-adaf-4e2a-84d6-ab2649e08a13') }; Says = 'UserAuthenticationMethod.ReadWrite.All' }
        @{ Name = 'the signed-in admin has no role that may issue passes'; Claims = @{ scp = 'User.Read.All UserAuthenticationMethod.ReadWrite.All'; wids = @('fe930be7-5e62-47db-91af-98c3a49a38b1') }; Says = 'none that may issue Temporary Access Passes' }
    ) {
        Connect-AadGraph -AccessToken (New-EmulatorToken -Emulator $Emulator -Claims $Claims) -GraphEndpoint $Emulator.BaseUri -WarningAction SilentlyContinue
        Clear-EmulatorRequest -Emulator $Emulator
        $caught = $null
        try { $null = $Synthetic[0..9] | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "AccessPassPermissionMissing,$PassId"
        $caught.Exception.Message | Should -Match $Says
        $caught.Exception.Message | Should -Match 'Nothing was sent'
        @($errs).Count | Should -Be 1
        @(Get-EmulatorRequest -Emulator $Emulator -IncludeBatch).Count | Should -Be 0
    }

    It 'sends a create whose answer was lost again: the code written is the one in force' {
        $lost = @($Synthetic[0..9])
        Set-EmulatorFault -Emulator $Emulator -Rule @(New-EmulatorFaultRule -Fault lostAnswer -Operation temporaryAccessPassMethods -Method POST -User $lost -Times 1) | Out-Null
        $results = @($Synthetic[0..29] | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $results.Count | Should -Be 30
        Assert-CodesInForce $results
        $stored = Get-StoredPass
        foreach ($upn in $lost) { @($stored.Values | Where-Object userPrincipalName -EQ $upn).createdCount | Should -BeGreaterThan 1 -Because "the lost answer of $upn had created a pass the retry replaced" }
    }

    It 'says a pass may exist and to issue one again when the retries run out after Graph may have created it' {
        $unknown = @($Synthetic[3], $Synthetic[7])
        Set-EmulatorFault -Emulator $Emulator -RetryAfterSeconds 0.01 -Rule @(New-EmulatorFaultRule -Fault 504AfterApply -Operation temporaryAccessPassMethods -Method POST -User $unknown) | Out-Null
        $results = @($Synthetic[0..9] | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 8
        Assert-CodesInForce $results
        $errs.Count | Should -Be 2
        foreach ($err in $errs) {
            $err.FullyQualifiedErrorId | Should -Be "AccessPassOutcomeUnknown,$PassId"
            "$err" | Should -Match 'Graph may have created a pass, and its code is not known'
            $err.ErrorDetails.RecommendedAction | Should -Match 'issue one again'
        }
        @($errs.TargetObject | Sort-Object) | Should -Be @($unknown | Sort-Object)
        $stored = Get-StoredPass
        foreach ($upn in $unknown) { @($stored.Values | Where-Object userPrincipalName -EQ $upn).createdCount | Should -BeGreaterThan 0 -Because 'Graph did create passes: the error is right to say one may exist' }
    }

    It 'accounts for 500 users exactly once through 429s, 503s, 504s after applying, dropped connections, lost answers and malformed batches' {
        Set-EmulatorFault -Emulator $Emulator -Seed 11 -RetryAfterSeconds 0.02 -Rates @{
            '429' = 0.05; '503' = 0.02; '504AfterApply' = 0.02; drop = 0.01; lostAnswer = 0.02; malformedBatch = 0.01
        } | Out-Null
        $results = @($Synthetic | New-AadUserTemporaryAccessPass -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        Clear-EmulatorFault -Emulator $Emulator
        $errs.Count | Should -Be 0 -Because "$(@($errs | Select-Object -First 3) -join '; ')"
        $results.Count | Should -Be 500
        @($results.Id | Sort-Object -Unique).Count | Should -Be 500
        Assert-CodesInForce $results
        (Get-StoredPass).Count | Should -Be 500
    }
}
