# Every cmdlet and parameter has help an admin can read with Get-Help, generated from the XML doc comments.
BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../out/PasswordReset/PasswordReset.psd1'
    $module = Import-Module $manifest -PassThru -Force
    $script:Commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

Describe 'Help for <Name>' -ForEach $Commands {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PasswordReset/PasswordReset.psd1') -Force
        $script:help = Get-Help $Name -Full
        $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    }

    It 'has a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$Name\s"
        ($help.Description | Out-String) | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter' {
        $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($p in $parameters) {
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $p
            ($entry.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p needs help text"
        }
    }
}
