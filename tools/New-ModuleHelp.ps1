<#
.SYNOPSIS
Writes the module's MAML help (en-US/PasswordReset.dll-Help.xml) from the cmdlets' XML doc comments.

.DESCRIPTION
Run by build.ps1 in a fresh pwsh after the module is assembled. The cmdlet classes' <summary> holds
<para type="synopsis"> and <para type="description">, their <example> elements hold <code> and <para>; each
parameter property's <summary> is its description. Syntax, parameter sets, positions and pipeline input come from
the loaded cmdlets themselves, so help cannot drift from the code. Fails when a cmdlet or parameter has no text.
#>
param([Parameter(Mandatory)][string] $ModuleFolder)
$ModuleFolder = (Resolve-Path -LiteralPath $ModuleFolder).Path
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Join-Path $ModuleFolder 'PasswordReset.psd1') -PassThru
[xml] $docs = Get-Content -LiteralPath (Join-Path $ModuleFolder 'PasswordReset.xml') -Raw
$members = @{}
foreach ($m in $docs.doc.members.member) { $members[$m.name] = $m }
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Esc([string] $text) { [System.Security.SecurityElement]::Escape(($text -replace '\s+', ' ').Trim()) }
function Text($node) { if ($null -eq $node) { '' } else { $node.InnerText } }
function Para($doc, [string] $type) { if ($doc) { Text $doc.SelectSingleNode("summary/para[@type='$type']") } else { '' } }

$missing = [System.Collections.Generic.List[string]]::new()
$sb = [System.Text.StringBuilder]::new()
[void]$sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
[void]$sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $type = $cmd.ImplementingType
    $doc = $members["T:$($type.FullName)"]
    $synopsis = Para $doc 'synopsis'
    $description = Para $doc 'description'
    if (-not $synopsis -or -not $description) { $missing.Add("$($cmd.Name): synopsis/description") }
    $examples = if ($doc) { @($doc.SelectNodes('example')) } else { @() }
    if ($examples.Count -eq 0) { $missing.Add("$($cmd.Name): example") }

    [void]$sb.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$sb.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><maml:description><maml:para>$(Esc $synopsis)</maml:para></maml:description><command:verb>$($cmd.Verb)</command:verb><command:noun>$($cmd.Noun)</command:noun></command:details>")
    [void]$sb.AppendLine("<maml:description><maml:para>$(Esc $description)</maml:para></maml:description>")

    $paramXml = @{}
    [void]$sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        [void]$sb.AppendLine("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $pipeline = @(); if ($p.ValueFromPipeline) { $pipeline += 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
            $pipelineText = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
            $position = if ($p.Position -ge 0) { $p.Position } else { 'named' }
            $typeName = $p.ParameterType.Name
            $value = if ($p.ParameterType -eq [switch]) { '' } else { "<command:parameterValue required=`"true`">$typeName</command:parameterValue>" }
            [void]$sb.AppendLine("<command:parameter required=`"$($p.IsMandatory.ToString().ToLower())`" position=`"$position`" pipelineInput=`"$pipelineText`"><maml:name>$($p.Name)</maml:name>$value</command:parameter>")
            if (-not $paramXml.ContainsKey($p.Name)) {
                $prop = $members["P:$($type.FullName).$($p.Name)"]
                $text = if ($prop) { Text $prop.SelectSingleNode('summary') } else { '' }
                if (-not $text) { $missing.Add("$($cmd.Name) -$($p.Name)") }
                $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'None' }
                $paramXml[$p.Name] = "<command:parameter required=`"$($p.IsMandatory.ToString().ToLower())`" globbing=`"false`" pipelineInput=`"$pipelineText`" position=`"$position`" aliases=`"$aliases`"><maml:name>$($p.Name)</maml:name><maml:description><maml:para>$(Esc $text)</maml:para></maml:description><command:parameterValue required=`"true`">$typeName</command:parameterValue><dev:type><maml:name>$($p.ParameterType.FullName)</maml:name></dev:type><dev:defaultValue>None</dev:defaultValue></command:parameter>"
            }
        }
        [void]$sb.AppendLine('</command:syntaxItem>')
    }
    [void]$sb.AppendLine('</command:syntax>')
    [void]$sb.AppendLine('<command:parameters>')
    foreach ($name in $paramXml.Keys | Sort-Object) { [void]$sb.AppendLine($paramXml[$name]) }
    [void]$sb.AppendLine('</command:parameters>')
    $outputs = @($cmd.OutputType | ForEach-Object { $_.Name } | Where-Object { $_ -ne 'System.Void' })
    [void]$sb.AppendLine('<command:returnValues>')
    foreach ($o in $outputs) { [void]$sb.AppendLine("<command:returnValue><dev:type><maml:name>$o</maml:name></dev:type></command:returnValue>") }
    [void]$sb.AppendLine('</command:returnValues>')
    [void]$sb.AppendLine('<command:examples>')
    $i = 0
    foreach ($ex in $examples) {
        $i++
        $code = (Text $ex.SelectSingleNode('code')).Trim() -replace '(?m)^\s+', ''
        [void]$sb.AppendLine("<command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$([System.Security.SecurityElement]::Escape($code))</dev:code><dev:remarks><maml:para>$(Esc (Text $ex.SelectSingleNode('para')))</maml:para></dev:remarks></command:example>")
    }
    [void]$sb.AppendLine('</command:examples>')
    [void]$sb.AppendLine('</command:command>')
}
[void]$sb.AppendLine('</helpItems>')

if ($missing.Count -gt 0) { throw "Undocumented: $($missing -join '; ')" }
$folder = Join-Path $ModuleFolder 'en-US'
New-Item -ItemType Directory -Force -Path $folder | Out-Null
Set-Content -LiteralPath (Join-Path $folder 'PasswordReset.dll-Help.xml') -Value $sb.ToString() -Encoding utf8
