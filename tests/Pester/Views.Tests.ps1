# The default views (src/PasswordReset/PasswordReset.format.ps1xml) rendered as an admin sees them, at a narrow split
# pane (72 columns), a classic terminal (80) and a wide one (120), with long UPNs and display names. Objects come from
# the module against the emulator. Failure messages name widths, labels and counts, never a rendered password.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-GraphEmulator -EmulatorDll $EmulatorDll
    Connect-TestGraph -Emulator $Emulator -Claims $AllClaims

    # A 60-character member UPN and a 64-character guest UPN, both with a 50-character display name.
    $script:LongUpn = 'maximilian.alexander.featherston@' + $Tenant
    $script:GuestUpn = "first.last_fabrikam.example.com#EXT#@$Tenant"
    $script:LongName = 'Maximilian Alexander Featherstonehaugh-Wolfeschleg'
    $LongUpn.Length | Should -Be 60
    $LongName.Length | Should -Be 50
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users' -Method POST -Body @{
        userPrincipalName = $LongUpn; displayName = $LongName; accountEnabled = $true; userType = 'Member'
        department = 'Research and Development Europe'
    }
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'users' -Method POST -Body @{
        userPrincipalName = $GuestUpn; displayName = $LongName; accountEnabled = $false; userType = 'Guest'; creationType = 'Invitation'
    }
    $script:ResetUpns = @($LongUpn, "AdeleV@$Tenant", "AlexW@$Tenant")

    function Get-RenderedLine {
        <# The lines Out-String renders at -Width, without the blank ones around the table or list. #>
        param([Parameter(Mandatory)] $InputObject, [Parameter(Mandatory)][int] $Width, [switch] $List)
        $text = if ($List) { $InputObject | Format-List | Out-String -Width $Width } else { $InputObject | Out-String -Width $Width }
        @($text -split '\r?\n' | Where-Object { $_.Trim().Length -gt 0 })
    }

    function Assert-TableShape {
        <# The header takes exactly one line (no label wraps) and shows the labels in order; no line is wider than the window. #>
        param([Parameter(Mandatory)][string[]] $Lines, [Parameter(Mandatory)][string[]] $Labels, [Parameter(Mandatory)][int] $Width)
        $Lines[0].Trim() -split '\s+' | Should -Be $Labels -Because "the header at $Width columns is one line with every label whole"
        $Lines[1] | Should -Match '^-[- ]*$' -Because "the line under a one-line header is the dashes at $Width columns"
        ($Lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    function Get-LineWith {
        <# How many rendered lines contain the value whole (a value broken over lines is found on none). #>
        param([string[]] $Lines, [string] $Value)
        @($Lines | Where-Object { $_.Contains($Value) }).Count
    }
}

AfterAll {
    Disconnect-AadGraph
    try { Assert-NoContractViolation -Emulator $Emulator } finally { Stop-GraphEmulator -Emulator $Emulator }
}

Describe 'Reset-AadUserPassword default table' {
    BeforeAll {
        # One run per password length: in a run every generated password has the same length.
        $script:Runs = @{}
        foreach ($length in 16, 24, 32, 50, 72) {
            $Runs[$length] = @($ResetUpns | Reset-AadUserPassword -Force -PasswordLength $length)
            $Runs[$length].Count | Should -Be 3
        }
    }

    It 'shows <Length>-character passwords whole at <Width> columns, first, with the flag, the time and the user' -ForEach @(
        foreach ($length in 16, 24, 32) { foreach ($width in 72, 80, 120) { @{ Length = $length; Width = $width } } }
    ) {
        $lines = Get-RenderedLine -InputObject $Runs[$Length] -Width $Width
        Assert-TableShape -Lines $lines -Labels 'TemporaryPassword', 'MustChange', 'UTC', 'User' -Width $Width
        $lines.Count | Should -Be 5
        foreach ($result in $Runs[$Length]) {
            $result.TemporaryPassword.Length | Should -Be $Length
            $time = $result.ResetTime.UtcDateTime.ToString('HH:mm', [cultureinfo]::InvariantCulture)
            $row = @($lines | Where-Object { $_.StartsWith($result.TemporaryPassword + ' ') })
            $row.Count | Should -Be 1 -Because "the password of $($result.UserPrincipalName) starts one row at $Width columns"
            $rest = $row[0].Substring($Length).TrimStart()
            $rest | Should -Match "^Yes +$time +\S" -Because 'the flag and the time follow the password, and the user column is shown'
            # The user column is cut at the window's edge (with an ellipsis), never before it.
            $user = $rest -replace '^Yes +\S+ +', ''
            "$($result.UserPrincipalName) ($($result.DisplayName))".StartsWith($user.TrimEnd([char]0x2026)) | Should -BeTrue
        }
        # User gets what the other columns leave: a 34-character UPN stays whole at 72 columns with the default 16.
        if ($Width - [Math]::Max(17, $Length) - 1 - 11 - 6 -gt "AdeleV@$Tenant".Length) {
            Get-LineWith -Lines $lines -Value "AdeleV@$Tenant" | Should -Be 1 -Because "a typical UPN fits whole at $Width columns"
        }
        if ($Width -eq 120) {
            Get-LineWith -Lines $lines -Value $LongUpn | Should -Be 1 -Because 'a 60-character UPN fits whole at 120 columns'
        }
    }

    It 'keeps every header whole for 50-character passwords at 72 columns (the documented limit)' {
        $lines = Get-RenderedLine -InputObject $Runs[50] -Width 72
        Assert-TableShape -Lines $lines -Labels 'TemporaryPassword', 'MustChange', 'UTC', 'User' -Width 72
        foreach ($result in $Runs[50]) { Get-LineWith -Lines $lines -Value $result.TemporaryPassword | Should -Be 1 }
    }

    It 'shows a password as long as the window whole; the other columns give way' {
        $lines = Get-RenderedLine -InputObject $Runs[72] -Width 72
        $lines[0].Trim() | Should -Be 'TemporaryPassword'
        foreach ($result in $Runs[72]) { Get-LineWith -Lines $lines -Value $result.TemporaryPassword | Should -Be 1 }
    }

    It 'shows Yes+MFA for -ForceChangePasswordNextSignInWithMfa, and No with an empty password for -NewPassword' {
        $mfa = Reset-AadUserPassword -UserPrincipalName "AdeleV@$Tenant" -Force -ForceChangePasswordNextSignInWithMfa
        $own = Reset-AadUserPassword -UserPrincipalName "AlexW@$Tenant" -Force -ForceChangePasswordNextSignIn:$false `
            -NewPassword (ConvertTo-SecureString 'Views-Test-2024!x' -AsPlainText -Force)
        foreach ($width in 72, 80, 120) {
            $lines = Get-RenderedLine -InputObject @($mfa, $own) -Width $width
            Assert-TableShape -Lines $lines -Labels 'TemporaryPassword', 'MustChange', 'UTC', 'User' -Width $width
            @($lines | Where-Object { $_.StartsWith($mfa.TemporaryPassword + ' ') -and $_ -match ' Yes\+MFA +\d\d:\d\d ' }).Count | Should -Be 1
            $lines[3] | Should -Match '^ {17} No +\d\d:\d\d AlexW@'
        }
    }
}

Describe 'Reset-AadUserPassword list view' {
    BeforeAll { $script:Listed = @($ResetUpns | Reset-AadUserPassword -Force -PasswordLength 32) }

    It 'shows every property at <_> columns, with the password, ids and the full reset time each on one line' -ForEach 72, 80, 120 {
        $lines = Get-RenderedLine -InputObject $Listed -Width $_ -List
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $_
        $labels = 'UserPrincipalName', 'DisplayName', 'Id', 'TemporaryPassword', 'ForceChangePasswordNextSignIn',
            'ForceChangePasswordWithMfa', 'OnPremisesSyncEnabled', 'ResetTime', 'RequestId'
        @($lines | Where-Object { $_ -match '^(\w+) +: ' } | ForEach-Object { $Matches[1] }) | Should -Be ($labels * 3)
        foreach ($result in $Listed) {
            Get-LineWith -Lines $lines -Value $result.TemporaryPassword | Should -Be 1
            Get-LineWith -Lines $lines -Value $result.Id | Should -Be 1
            Get-LineWith -Lines $lines -Value $result.RequestId | Should -Be 1
            $stamp = $result.ResetTime.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z'
            @($lines | Where-Object { $_ -match "^ResetTime +: $stamp$" }).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Get-AadUser default table' {
    BeforeAll { $script:Users = @($LongUpn, $GuestUpn, "AdeleV@$Tenant", "AlexW@$Tenant" | Get-AadUser) }

    It 'shows every id whole, first, and Enabled and UserType whole, at <_> columns' -ForEach 72, 80, 120 {
        $lines = Get-RenderedLine -InputObject $Users -Width $_
        Assert-TableShape -Lines $lines -Labels 'Id', 'Enabled', 'UserType', 'User' -Width $_
        $lines.Count | Should -Be 6
        foreach ($user in $Users) {
            $expected = '^{0} {1} +{2} +\S' -f $user.Id, $user.AccountEnabled, $user.UserType
            @($lines | Where-Object { $_ -match $expected }).Count | Should -Be 1 -Because "$($user.UserPrincipalName) shows id, Enabled and UserType whole at $_ columns"
        }
        if ($_ -eq 120) {
            Get-LineWith -Lines $lines -Value $GuestUpn | Should -Be 1 -Because 'a 64-character guest UPN fits whole at 120 columns'
        }
    }
}

Describe 'Get-AadUser list view' {
    It 'shows every property at <_> columns, the id on one line, and what -Property asked for' -ForEach 72, 80, 120 {
        $users = @(Get-AadUser -UserPrincipalName $GuestUpn), @(Get-AadUser -UserPrincipalName "AdeleV@$Tenant" -Property jobTitle)
        $lines = Get-RenderedLine -InputObject $users -Width $_ -List
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $_
        $labels = 'UserPrincipalName', 'DisplayName', 'Id', 'Mail', 'AccountEnabled', 'UserType', 'IsExternal', 'CreationType',
            'Identities', 'Department', 'OnPremisesSyncEnabled', 'LastPasswordChangeDateTime', 'AdditionalProperties'
        @($lines | Where-Object { $_ -match '^(\w+) +: ?' } | ForEach-Object { $Matches[1] }) | Should -Be ($labels * 2)
        foreach ($user in $users) { Get-LineWith -Lines $lines -Value $user.Id | Should -Be 1 }
        @($lines | Where-Object { $_ -match '^IsExternal +: True$' }).Count | Should -Be 1
        @($lines | Where-Object { $_ -match "^AdditionalProperties +: jobTitle: $([regex]::Escape($users[1].JobTitle))$" }).Count | Should -Be 1
        @($lines | Where-Object { $_ -match '^Identities +: userPrincipalName:' }).Count | Should -Be 1
    }
}

Describe 'Reset-AadUserPassword -RevokeSessions default table and list' {
    BeforeAll {
        $script:Revoked = @{}
        foreach ($length in 16, 32) { $Revoked[$length] = @($ResetUpns | Reset-AadUserPassword -RevokeSessions -Force -PasswordLength $length) }
    }

    It 'shows <Length>-character passwords whole at <Width> columns, first, then MustChange, Revoked, the time and the user' -ForEach @(
        foreach ($length in 16, 32) { foreach ($width in 72, 80, 120) { @{ Length = $length; Width = $width } } }
    ) {
        $lines = Get-RenderedLine -InputObject $Revoked[$Length] -Width $Width
        Assert-TableShape -Lines $lines -Labels 'TemporaryPassword', 'MustChange', 'Revoked', 'UTC', 'User' -Width $Width
        foreach ($result in $Revoked[$Length]) {
            $row = @($lines | Where-Object { $_.StartsWith($result.TemporaryPassword + ' ') })
            $row.Count | Should -Be 1 -Because "the password of $($result.UserPrincipalName) starts one row at $Width columns"
            $row[0].Substring($Length).TrimStart() | Should -Match '^Yes +Yes +\d\d:\d\d +\S'
        }
    }

    It 'lists every property at <_> columns, the password and the revocation time each on one line' -ForEach 72, 80, 120 {
        $lines = Get-RenderedLine -InputObject $Revoked[32] -Width $_ -List
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $_
        $labels = 'UserPrincipalName', 'DisplayName', 'Id', 'TemporaryPassword', 'ForceChangePasswordNextSignIn',
            'ForceChangePasswordWithMfa', 'OnPremisesSyncEnabled', 'ResetTime', 'SessionsRevoked', 'SessionsRevokedAt', 'RequestId'
        @($lines | Where-Object { $_ -match '^(\w+) +: ' } | ForEach-Object { $Matches[1] }) | Should -Be ($labels * 3)
        foreach ($result in $Revoked[32]) {
            Get-LineWith -Lines $lines -Value $result.TemporaryPassword | Should -Be 1
            $stamp = $result.SessionsRevokedDateTime.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + 'Z'
            @($lines | Where-Object { $_ -match "^SessionsRevokedAt +: $stamp$" }).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Revoke-AadUserSignInSession default table and list' {
    BeforeAll { $script:Revocations = @($ResetUpns | Revoke-AadUserSignInSession -Force) }

    It 'shows every id whole, first, with Revoked and the time, at <_> columns' -ForEach 72, 80, 120 {
        $lines = Get-RenderedLine -InputObject $Revocations -Width $_
        Assert-TableShape -Lines $lines -Labels 'Id', 'Revoked', 'UTC', 'User' -Width $_
        foreach ($result in $Revocations) {
            @($lines | Where-Object { $_ -match ('^{0} Yes +\d\d:\d\d:\d\d \S' -f $result.Id) }).Count | Should -Be 1
        }
        $list = Get-RenderedLine -InputObject $Revocations -Width $_ -List
        @($list | Where-Object { $_ -match '^(\w+) +: ' } | ForEach-Object { $Matches[1] }) | Should -Be (@('UserPrincipalName', 'DisplayName', 'Id', 'SessionsRevoked', 'SessionsRevokedAt', 'RequestId') * 3)
    }
}

Describe 'New-AadUserTemporaryAccessPass default table and list' {
    BeforeAll {
        # Passes of the policy's default length (8), and of 24 and 48 characters (its range is 8 to 48).
        $script:Passes = @{}
        foreach ($length in 8, 24, 48) {
            $null = Set-EmulatorTapPolicy -Emulator $Emulator -DefaultLength $length
            $Passes[$length] = @($ResetUpns | New-AadUserTemporaryAccessPass -Force)
        }
        $null = Reset-EmulatorTapPolicy -Emulator $Emulator
    }

    It 'shows <Length>-character codes whole at <Width> columns, first' -ForEach @(
        foreach ($length in 8, 24, 48) { foreach ($width in 72, 80, 120) { @{ Length = $length; Width = $width } } }
    ) {
        $lines = Get-RenderedLine -InputObject $Passes[$Length] -Width $Width
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
        if ($Length -le 24) { Assert-TableShape -Lines $lines -Labels 'AccessPass', 'Once', 'StartsUTC', 'ExpiresUTC', 'User' -Width $Width }
        foreach ($result in $Passes[$Length]) {
            $result.TemporaryAccessPass.Length | Should -Be $Length
            @($lines | Where-Object { $_.StartsWith($result.TemporaryAccessPass + ' ') -or $_ -eq $result.TemporaryAccessPass }).Count | Should -Be 1 -Because "the code of $($result.UserPrincipalName) starts one row whole at $Width columns"
        }
        if ($Length -eq 8 -and $Width -ge 80) {
            Get-LineWith -Lines $lines -Value "AdeleV@$Tenant" | Should -Be 1 -Because "a typical UPN fits whole beside an 8-character code at $Width columns"
        }
    }

    It 'shows Once, the start and the expiry in UTC' {
        $lines = Get-RenderedLine -InputObject $Passes[8] -Width 120
        foreach ($result in $Passes[8]) {
            $start = $result.StartDateTime.UtcDateTime.ToString('MM-dd HH:mm', [cultureinfo]::InvariantCulture)
            $end = $result.ExpiresAt.UtcDateTime.ToString('MM-dd HH:mm', [cultureinfo]::InvariantCulture)
            @($lines | Where-Object { $_ -match ('^{0} +No +{1} +{2} +\S' -f [regex]::Escape($result.TemporaryAccessPass), $start, $end) }).Count | Should -Be 1
        }
    }

    It 'lists every property at <_> columns, with the code on one line' -ForEach 72, 80, 120 {
        foreach ($length in 8, 48) {
            $lines = Get-RenderedLine -InputObject $Passes[$length] -Width $_ -List
            ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $_
            $labels = 'UserPrincipalName', 'DisplayName', 'Id', 'TemporaryAccessPass', 'LifetimeInMinutes', 'IsUsableOnce', 'StartDateTime', 'ExpiresAt', 'MethodId', 'RequestId'
            @($lines | Where-Object { $_ -match '^(\w+) +: ' } | ForEach-Object { $Matches[1] }) | Should -Be ($labels * 3)
            foreach ($result in $Passes[$length]) { Get-LineWith -Lines $lines -Value $result.TemporaryAccessPass | Should -Be 1 }
        }
    }
}
