# Dot-sourced by Help.Tests.ps1: checks a help example without running it. The example must parse; every command in
# it must resolve (Get-Command), and every cmdlet or function must bind as PowerShell would bind it, from the parsed
# text and the command's parameter metadata alone: parameter names (full, alias or unambiguous prefix), positional
# arguments, pipeline input for a command after a '|', exactly one parameter set with all its mandatory parameters,
# and literal arguments converted to the parameter's type and passed through its validation attributes (ValidateRange,
# ValidateSet ...). Values computed at run time ($variables, (subexpressions)) are taken as given. Nothing is invoked.
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

function Get-ExampleBinding {
    <#
    .SYNOPSIS
    One object per command in the example: Command, ParameterSet (the set PowerShell would choose) and Parameters (bound
    names). Throws, naming the command, when the example does not parse or a command does not bind.
    #>
    param([Parameter(Mandatory)][string] $Code)
    $tokens = $null; $errors = $null
    $ast = [Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    if ($errors.Count -gt 0) { throw "The example does not parse: $($errors[0].Message) (at '$($errors[0].Extent.Text)')" }
    foreach ($commandAst in $ast.FindAll({ param($a) $a -is [CommandAst] }, $true)) {
        $name = $commandAst.GetCommandName()
        if (-not $name) { throw "'$($commandAst.Extent.Text)': the command name is not literal" }
        $command = Get-Command -Name $name -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $command) { throw "${name}: no such command" }
        if ($command -is [AliasInfo]) { $command = $command.ResolvedCommand }
        if ($command.CommandType -notin 'Cmdlet', 'Function', 'Filter') {
            [pscustomobject]@{ Command = $command.Name; ParameterSet = $null; Parameters = @() }
            continue
        }
        Get-CommandBinding $command $commandAst
    }
}

function Resolve-ExampleParameter($command, [string] $given) {
    # As the binder does: a full name or alias first, else the one parameter (or alias) the text is a prefix of.
    foreach ($p in $command.Parameters.Values) {
        if ($p.Name -eq $given -or $p.Aliases -contains $given) { return $p }
    }
    $matched = @($command.Parameters.Values | Where-Object { $_.Name -like "$given*" -or @($_.Aliases | Where-Object { $_ -like "$given*" }).Count -gt 0 })
    if ($matched.Count -eq 1) { return $matched[0] }
    if ($matched.Count -eq 0) { throw "$($command.Name): no parameter -$given" }
    throw "$($command.Name): -$given is ambiguous ($($matched.Name -join ', '))"
}

function Get-CommandBinding($command, [CommandAst] $commandAst) {
    $pipeline = $commandAst.Parent
    $piped = $pipeline -is [PipelineAst] -and $pipeline.PipelineElements.IndexOf($commandAst) -gt 0
    $named = [ordered]@{}
    $positional = [System.Collections.Generic.List[Ast]]::new()
    $elements = $commandAst.CommandElements
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $element = $elements[$i]
        if ($element -isnot [CommandParameterAst]) { $positional.Add($element); continue }
        $p = Resolve-ExampleParameter $command $element.ParameterName
        if ($named.Contains($p.Name)) { throw "$($command.Name): -$($p.Name) is given twice" }
        if ($element.Argument) { $named[$p.Name] = $element.Argument }
        elseif ($p.SwitchParameter) { $named[$p.Name] = $null }
        elseif ($i + 1 -lt $elements.Count -and $elements[$i + 1] -isnot [CommandParameterAst]) { $i++; $named[$p.Name] = $elements[$i] }
        else { throw "$($command.Name): -$($p.Name) needs a value" }
    }

    $viable = foreach ($set in $command.ParameterSets) {
        $inSet = @{}
        foreach ($sp in $set.Parameters) { $inSet[$sp.Name] = $sp }
        if (@($named.Keys | Where-Object { -not $inSet.ContainsKey($_) }).Count -gt 0) { continue }
        $bound = [ordered]@{}
        foreach ($key in $named.Keys) { $bound[$key] = $named[$key] }
        $slots = @($set.Parameters | Where-Object { $_.Position -ge 0 -and -not $bound.Contains($_.Name) } | Sort-Object Position)
        if ($positional.Count -gt $slots.Count) { continue }
        for ($k = 0; $k -lt $positional.Count; $k++) { $bound[$slots[$k].Name] = $positional[$k] }
        $fromPipeline = { param($sp) $sp.ValueFromPipeline -or $sp.ValueFromPipelineByPropertyName }
        if ($piped -and @($set.Parameters | Where-Object { (& $fromPipeline $_) -and -not $bound.Contains($_.Name) }).Count -eq 0) { continue }
        $missing = @($set.Parameters | Where-Object { $_.IsMandatory -and -not $bound.Contains($_.Name) -and -not ($piped -and (& $fromPipeline $_)) })
        if ($missing.Count -gt 0) { continue }
        [pscustomobject]@{ Set = $set; Bound = $bound; InSet = $inSet }
    }
    $viable = @($viable)
    $what = "$($command.Name) $(($named.Keys | ForEach-Object { "-$_" }) -join ' ')$(if ($positional.Count) { " with $($positional.Count) positional argument(s)" })$(if ($piped) { ' after a pipe' })"
    if ($viable.Count -eq 0) { throw "${what}: no parameter set takes these parameters with all its mandatory ones" }
    $chosen = if ($viable.Count -eq 1) { $viable[0] } else { @($viable | Where-Object { $_.Set.IsDefault }) | Select-Object -First 1 }
    if (-not $chosen) { throw "${what}: the parameter set is ambiguous ($($viable.Set.Name -join ', '))" }

    foreach ($key in $chosen.Bound.Keys) { Test-ExampleArgument $command $chosen.InSet[$key] $chosen.Bound[$key] }
    [pscustomobject]@{ Command = $command.Name; ParameterSet = $chosen.Set.Name; Parameters = @($chosen.Bound.Keys) }
}

function Get-LiteralValue([Ast] $argument) {
    # @{ Known = $true; Value = ... } for a literal, else Known = $false.
    if ($argument -is [StringConstantExpressionAst] -or $argument -is [ConstantExpressionAst]) { return @{ Known = $true; Value = $argument.Value } }
    if ($argument -is [VariableExpressionAst] -and $argument.VariablePath.UserPath -in 'true', 'false', 'null') {
        return @{ Known = $true; Value = (Get-Variable -Name $argument.VariablePath.UserPath -ValueOnly) }
    }
    if ($argument -is [ArrayLiteralAst]) {
        $values = foreach ($e in $argument.Elements) { $v = Get-LiteralValue $e; if (-not $v.Known) { return @{ Known = $false } }; $v.Value }
        return @{ Known = $true; Value = @($values) }
    }
    @{ Known = $false }
}

function Test-ExampleArgument($command, [CommandParameterInfo] $parameter, $argument) {
    if ($null -eq $argument) { return } # a switch
    $literal = Get-LiteralValue $argument
    if (-not $literal.Known) { return }
    try { $value = [LanguagePrimitives]::ConvertTo($literal.Value, $parameter.ParameterType, [cultureinfo]::InvariantCulture) }
    catch { throw "$($command.Name) -$($parameter.Name): '$($argument.Extent.Text)' is not a $($parameter.ParameterType.Name)" }
    $validate = [ValidateArgumentsAttribute].GetMethod('Validate', [System.Reflection.BindingFlags]'Instance, NonPublic', $null, [type[]]@([object], [EngineIntrinsics]), $null)
    foreach ($attribute in $parameter.Attributes | Where-Object { $_ -is [ValidateArgumentsAttribute] }) {
        try { $validate.Invoke($attribute, @($value, $ExecutionContext)) | Out-Null }
        catch {
            $reason = if ($_.Exception.InnerException) { $_.Exception.InnerException.Message } else { $_.Exception.Message }
            throw "$($command.Name) -$($parameter.Name) '$($argument.Extent.Text)': $reason"
        }
    }
}
