<#
.SYNOPSIS
Writes the module's help into en-US/ of the built module: MAML (PasswordReset.dll-Help.xml) from the cmdlets' XML doc
comments, and the about_ topics as they are.

.DESCRIPTION
Run by build.ps1 in a fresh pwsh after the module is assembled (it imports the module). One readable source, the doc
comments beside the code they describe; everything the code itself knows is read from the loaded cmdlets, so help
cannot drift from it: syntax, parameter sets, positions, aliases, pipeline input, -WhatIf/-Confirm (SupportsShouldProcess),
output types and parameter defaults.

What the doc comments hold (a cmdlet class):
  <summary>  <para type="synopsis"> once, <para type="description"> once per paragraph.
  <remarks>  NOTES: one <para> per paragraph; the permissions and roles the cmdlet needs. Required.
  <input type="Full.Type.Name">  INPUTS, one per type that can be piped, with what the cmdlet makes of it. Required
             exactly when a parameter takes pipeline input (else INPUTS says None).
  <output type="Full.Type.Name"> OUTPUTS: must name exactly the cmdlet's [OutputType] types (none for void).
  <example>  <code> (several lines allowed) and one <para> per paragraph of remarks. needs="..." marks an example that
             needs what a test machine cannot have (a browser, a device code, a managed identity, a Windows certificate
             store, a national cloud): tests/Pester/Help.Tests.ps1 runs every other example against the emulator and
             only parses and binds these. The mark is not shown to readers.
A parameter property:
  <summary>  its description (<para>s allowed).
  <value>    only for a default the property does not hold itself (applied later, e.g. by the engine): text, where a
             <see cref="Type.Member"/> (checked by the compiler) is replaced by that constant's or static field's value.
Defaults are otherwise read from the property initialisers of a new instance of the cmdlet class: a value type equal to
its default(T) (0), and null, mean no default; bool shows $true/$false, a switch False, an enum its name.
Fails, writing nothing, when a cmdlet or parameter has no text or the rules above are broken.
#>
param(
    [Parameter(Mandatory)][string] $ModuleFolder,
    # about_*.help.txt files, copied as they are after a check (ASCII, lines of at most 80 characters, TOPIC first).
    [string[]] $AboutTopic = @()
)
$ModuleFolder = (Resolve-Path -LiteralPath $ModuleFolder).Path
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Join-Path $ModuleFolder 'PasswordReset.psd1') -PassThru
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$assembly = $commands[0].ImplementingType.Assembly
# The doc file the compiler writes beside the cmdlet assembly.
[xml] $docs = Get-Content -LiteralPath ([IO.Path]::ChangeExtension($assembly.Location, '.xml')) -Raw
$members = @{}
foreach ($m in $docs.doc.members.member) { $members[$m.name] = $m }
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

#region Doc comment text
function Resolve-DocType([string] $name) {
    foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
        $t = $a.GetType($name, $false)
        if ($t) { return $t }
    }
    # Not loaded yet: a dependency in a private load context loads on first use, so load what the cmdlet assembly
    # references through the cmdlet assembly's own context (its resolver decides where from).
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
    foreach ($reference in $assembly.GetReferencedAssemblies()) {
        try { $t = $context.LoadFromAssemblyName($reference).GetType($name, $false) } catch { $t = $null }
        if ($t) { return $t }
    }
    $null
}

function Get-CrefValue([string] $cref) {
    # F:Namespace.Type.Member (a const or static field) or P:... (a static property).
    if ($cref -notmatch '^([FP]):(.+)\.([^.]+)$') { throw "A default's <see cref=""$cref""/> must name a field or property." }
    $type = Resolve-DocType $Matches[2]
    if (-not $type) { throw "Type $($Matches[2]) of <see cref=""$cref""/> is not loaded." }
    $flags = [System.Reflection.BindingFlags]'Public, NonPublic, Static'
    $member = if ($Matches[1] -eq 'F') { $type.GetField($Matches[3], $flags) } else { $type.GetProperty($Matches[3], $flags) }
    if (-not $member) { throw "<see cref=""$cref""/> is not a static member." }
    $member.GetValue($null)
}

function Get-DocText($node, [switch] $Values) {
    # Inline text of a doc element: <c> as is, <see cref> as the member's name (or, with -Values, its value),
    # <see langword> as PowerShell writes it, <paramref> as -Name.
    $text = [System.Text.StringBuilder]::new()
    foreach ($child in $node.ChildNodes) {
        if ($child.NodeType -in 'Text', 'CDATA', 'Whitespace', 'SignificantWhitespace') { [void]$text.Append($child.Value); continue }
        if ($child.NodeType -ne 'Element') { continue }
        switch ($child.LocalName) {
            { $_ -in 'see', 'seealso' } {
                if ($child.HasAttribute('cref')) {
                    $cref = $child.GetAttribute('cref')
                    [void]$text.Append($(if ($Values) { Format-Default (Get-CrefValue $cref) } else { ($cref -replace '^\w:' -replace '\(.*$' -split '\.')[-1] }))
                }
                elseif ($child.HasAttribute('langword')) {
                    $word = $child.GetAttribute('langword')
                    [void]$text.Append($(if ($word -in 'null', 'true', 'false') { '$' + $word } else { $word }))
                }
                else { [void]$text.Append($(if ($child.InnerText) { $child.InnerText } else { $child.GetAttribute('href') })) }
            }
            { $_ -in 'paramref', 'typeparamref' } { [void]$text.Append('-' + $child.GetAttribute('name')) }
            default { [void]$text.Append((Get-DocText $child -Values:$Values)) }
        }
    }
    ($text.ToString() -replace '\s+', ' ').Trim()
}

function Get-DocParagraphs($node, [string] $Type) {
    # One string per <para> (of that type, when given); an element without <para> is one paragraph.
    if ($null -eq $node) { return @() }
    $paras = @($node.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.LocalName -eq 'para' -and (-not $Type -or $_.GetAttribute('type') -eq $Type) })
    if ($paras.Count -eq 0 -and -not $Type) { $paras = @($node) }
    @($paras | ForEach-Object { Get-DocText $_ } | Where-Object { $_ })
}

function Get-DocCode($node) {
    # The code as written: the compiler indents every line after the first; remove the indentation they share.
    $lines = @(($node.InnerText -replace '\r', '') -split '\n')
    $rest = @($lines | Select-Object -Skip 1 | Where-Object { $_.Trim() })
    if ($rest.Count -gt 0) {
        $indent = ($rest | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
        $lines = @($lines[0]) + @($lines | Select-Object -Skip 1 | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { $_.TrimStart() } })
    }
    ($lines -join "`n").Trim()
}
#endregion

#region Defaults
function Format-Default($value) {
    # $null = no default. See the header for the rules.
    if ($null -eq $value) { return $null }
    if ($value -is [bool]) { return $(if ($value) { '$true' } else { '$false' }) }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $value.IsPresent.ToString() }
    if ($value -is [enum]) { return $value.ToString() }
    if ($value -is [string]) { return $(if ($value) { $value } else { $null }) }
    if ($value -is [System.Collections.IEnumerable]) {
        $items = @($value | ForEach-Object { [string]$_ })
        return $(if ($items.Count) { $items -join ', ' } else { $null })
    }
    if ($value.GetType().IsValueType -and $value.Equals([Activator]::CreateInstance($value.GetType()))) { return $null }
    [System.Convert]::ToString($value, [cultureinfo]::InvariantCulture)
}

function Get-ParameterDefault($instance, [string] $name, $doc) {
    $property = $instance.GetType().GetProperty($name)
    $initial = if ($property) { Format-Default $property.GetValue($instance) } else { $null }
    $value = if ($doc) { $doc.SelectSingleNode('value') } else { $null }
    if ($null -eq $value) { return $initial }
    if ($null -ne $initial) { $problems.Add("-${name}: its default is the property's ($initial); a <value> would say it twice"); return $initial }
    Get-DocText $value -Values
}
#endregion

#region MAML
$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$buffer = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($buffer, $settings)

function Open([string] $prefix, [string] $name) { $w.WriteStartElement($prefix, $name, $ns[$prefix]) }
function Close { $w.WriteEndElement() }
function Element([string] $prefix, [string] $name, [string] $text) { $w.WriteElementString($prefix, $name, $ns[$prefix], $text) }
function Paras([string[]] $paragraphs) { foreach ($p in $paragraphs) { Element maml para $p } }
function Description([string[]] $paragraphs) { Open maml description; Paras $paragraphs; Close }
function TypeName([string] $name) { Open dev type; Element maml name $name; Close }

function Write-SyntaxParameter($p, [string] $position) {
    Open command parameter
    $w.WriteAttributeString('required', $p.IsMandatory.ToString().ToLowerInvariant())
    $w.WriteAttributeString('position', $position)
    Element maml name $p.Name
    if ($p.ParameterType -ne [switch]) {
        Open command parameterValue; $w.WriteAttributeString('required', 'true'); $w.WriteString($p.ParameterType.Name); Close
    }
    Close
}

function Get-PipelineText($p) {
    $how = @(); if ($p.ValueFromPipeline) { $how += 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { $how += 'ByPropertyName' }
    if ($how) { "True ($($how -join ', '))" } else { 'False' }
}

# -WhatIf and -Confirm are PowerShell's; their text says what they mean for this cmdlet's ConfirmImpact.
function Get-ShouldProcessText($cmd, [string] $name) {
    $attribute = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
    if ($name -eq 'WhatIf') { return @('Shows what would happen if the cmdlet runs. The cmdlet is not run: nothing is changed.') }
    $text = 'Prompts you for confirmation before each change.'
    if ($attribute.ConfirmImpact -eq 'High') {
        $skip = if ($cmd.Parameters.ContainsKey('Force')) { '-Force, -Confirm:$false' } else { '-Confirm:$false' }
        $text += " $($cmd.Name) asks even without it (ConfirmImpact High, at the default `$ConfirmPreference); $skip or `$ConfirmPreference = 'None' skip the question."
    }
    @($text)
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($prefix in $ns.Keys) { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

$aboutNames = @($AboutTopic | ForEach-Object { [IO.Path]::GetFileName($_) -replace '\.help\.txt$' })
foreach ($cmd in $commands) {
    $type = $cmd.ImplementingType
    $doc = $members["T:$($type.FullName)"]
    if (-not $doc) { $problems.Add("$($cmd.Name): no doc comment"); continue }
    $synopsis = @(Get-DocParagraphs $doc.SelectSingleNode('summary') 'synopsis')
    $description = @(Get-DocParagraphs $doc.SelectSingleNode('summary') 'description')
    $notes = @(Get-DocParagraphs $doc.SelectSingleNode('remarks'))
    $examples = @($doc.SelectNodes('example'))
    if ($synopsis.Count -ne 1) { $problems.Add("$($cmd.Name): one <para type=""synopsis"">") }
    if ($description.Count -eq 0) { $problems.Add("$($cmd.Name): <para type=""description"">") }
    if ($notes.Count -eq 0) { $problems.Add("$($cmd.Name): <remarks> with the permissions and roles it needs") }
    if ($examples.Count -eq 0) { $problems.Add("$($cmd.Name): <example>") }

    $instance = [Activator]::CreateInstance($type)
    $parameters = [ordered]@{}
    foreach ($set in $cmd.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $common -or $parameters.Contains($p.Name)) { continue }
            $propertyDoc = $members["P:$($type.FullName).$($p.Name)"]
            $text = @(if ($propertyDoc) { Get-DocParagraphs $propertyDoc.SelectSingleNode('summary') })
            if ($text.Count -eq 0) { $problems.Add("$($cmd.Name) -$($p.Name): <summary>") }
            $parameters[$p.Name] = @{ Metadata = $p; Text = $text; Default = (Get-ParameterDefault $instance $p.Name $propertyDoc) }
        }
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }
    $shouldProcess = @('WhatIf', 'Confirm' | Where-Object { $cmd.Parameters.ContainsKey($_) })

    $inputs = @($doc.SelectNodes('input') | ForEach-Object { @{ Type = $_.GetAttribute('type'); Text = @(Get-DocParagraphs $_) } })
    $piped = @($parameters.Values | Where-Object { $_.Metadata.ValueFromPipeline -or $_.Metadata.ValueFromPipelineByPropertyName })
    if ($piped.Count -gt 0 -and $inputs.Count -eq 0) { $problems.Add("$($cmd.Name): <input type=...> for what -$($piped[0].Metadata.Name) takes from the pipeline") }
    if ($piped.Count -eq 0 -and $inputs.Count -gt 0) { $problems.Add("$($cmd.Name): <input> but no parameter takes pipeline input") }
    if ($inputs.Count -eq 0) { $inputs = @(@{ Type = 'None'; Text = @("You cannot pipe objects to $($cmd.Name).") }) }

    $outputs = @($doc.SelectNodes('output') | ForEach-Object { @{ Type = $_.GetAttribute('type'); Text = @(Get-DocParagraphs $_) } })
    $declared = @($cmd.OutputType | ForEach-Object { $_.Name } | Where-Object { $_ -ne 'System.Void' } | Sort-Object -Unique)
    if ((@($outputs | ForEach-Object { $_.Type } | Sort-Object -Unique) -join ',') -ne ($declared -join ',')) {
        $problems.Add("$($cmd.Name): <output type=...> must name exactly its [OutputType] ($(if ($declared) { $declared -join ', ' } else { 'none' }))")
    }
    if ($outputs.Count -eq 0) { $outputs = @(@{ Type = 'None'; Text = @("$($cmd.Name) writes no objects to the pipeline.") }) }

    Open command command
    Open command details
    Element command name $cmd.Name
    Description $synopsis
    Element command verb $cmd.Verb
    Element command noun $cmd.Noun
    Close
    Description $description

    Open command syntax
    foreach ($set in $cmd.ParameterSets) {
        Open command syntaxItem
        Element maml name $cmd.Name
        foreach ($p in $set.Parameters | Where-Object Name -NotIn $common) {
            Write-SyntaxParameter $p $(if ($p.Position -ge 0) { [string]$p.Position } else { 'named' })
        }
        foreach ($name in $shouldProcess) { Write-SyntaxParameter ($set.Parameters | Where-Object Name -EQ $name) 'named' }
        Close
    }
    Close

    Open command parameters
    $entries = @($parameters.Keys | Sort-Object | ForEach-Object { $parameters[$_] })
    $entries += @($shouldProcess | ForEach-Object { @{ Metadata = $cmd.Parameters[$_]; Text = @(Get-ShouldProcessText $cmd $_); Default = 'False' } })
    foreach ($entry in $entries) {
        $p = $entry.Metadata
        # Required and position as in the first parameter set that has the parameter (the syntax shows each set).
        $inSet = if ($p -is [System.Management.Automation.CommandParameterInfo]) { $p } else { @($cmd.ParameterSets.Parameters | Where-Object Name -EQ $p.Name)[0] }
        Open command parameter
        $w.WriteAttributeString('required', $inSet.IsMandatory.ToString().ToLowerInvariant())
        $w.WriteAttributeString('globbing', 'false')
        $w.WriteAttributeString('pipelineInput', (Get-PipelineText $inSet))
        $w.WriteAttributeString('position', $(if ($inSet.Position -ge 0) { [string]$inSet.Position } else { 'named' }))
        $w.WriteAttributeString('aliases', $(if ($inSet.Aliases.Count) { $inSet.Aliases -join ', ' } else { 'None' }))
        Element maml name $inSet.Name
        Description $entry.Text
        Open command parameterValue; $w.WriteAttributeString('required', ($inSet.ParameterType -ne [switch]).ToString().ToLowerInvariant()); $w.WriteString($inSet.ParameterType.Name); Close
        TypeName $inSet.ParameterType.FullName
        Element dev defaultValue $(if ($null -ne $entry.Default) { $entry.Default } else { 'None' })
        Close
    }
    Close

    Open command inputTypes
    foreach ($i in $inputs) { Open command inputType; TypeName $i.Type; Description $i.Text; Close }
    Close
    Open command returnValues
    foreach ($o in $outputs) { Open command returnValue; TypeName $o.Type; Description $o.Text; Close }
    Close

    Open maml alertSet
    Open maml alert; Paras $notes; Close
    Close

    Open command examples
    $n = 0
    foreach ($example in $examples) {
        $n++
        $codeNode = $example.SelectSingleNode('code')
        $code = if ($codeNode) { Get-DocCode $codeNode } else { '' }
        if (-not $code) { $problems.Add("$($cmd.Name) example ${n}: <code>") }
        $remarks = @($example.SelectNodes('para') | ForEach-Object { Get-DocText $_ } | Where-Object { $_ })
        if ($remarks.Count -eq 0) { $problems.Add("$($cmd.Name) example ${n}: a <para> saying what it does") }
        Open command example
        Element maml title "-------------------------- Example $n --------------------------"
        Element dev code $code
        # The empty paragraph keeps a blank line between one example's remarks and the next example's title.
        Open dev remarks; Paras ($remarks + ''); Close
        Close
    }
    Close

    Open command relatedLinks
    foreach ($link in @($aboutNames) + @($commands.Name | Where-Object { $_ -ne $cmd.Name })) {
        Open maml navigationLink; Element maml linkText $link; Element maml uri ''; Close
    }
    Close
    Close
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush()
#endregion

foreach ($path in $AboutTopic) {
    $name = [IO.Path]::GetFileName($path)
    if ($name -notmatch '^about_\w+\.help\.txt$') { $problems.Add("${name}: an about topic is named about_<Name>.help.txt"); continue }
    $lines = @(Get-Content -LiteralPath $path)
    if ($lines[0] -ne 'TOPIC') { $problems.Add("${name}: starts with the line TOPIC") }
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i].Length -gt 80) { $problems.Add("${name} line $($i + 1): longer than 80 characters") }
        if ($lines[$i] -match '[^\x20-\x7E]') { $problems.Add("${name} line $($i + 1): not printable ASCII (tabs and typographic characters render differently per host)") }
    }
}

if ($problems.Count -gt 0) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
$folder = Join-Path $ModuleFolder 'en-US'
New-Item -ItemType Directory -Force -Path $folder | Out-Null
[IO.File]::WriteAllBytes((Join-Path $folder 'PasswordReset.dll-Help.xml'), $buffer.ToArray())
foreach ($path in $AboutTopic) { Copy-Item -LiteralPath $path -Destination $folder }
