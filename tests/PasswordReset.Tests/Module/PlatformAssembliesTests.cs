using System.Reflection;
using PasswordReset.Commands;
using Xunit;

namespace PasswordReset.Tests.Module;

/// <summary>What the module's private load context leaves to the default one (<see cref="PlatformAssemblies"/>).</summary>
public sealed class PlatformAssembliesTests
{
    [Theory]
    [InlineData("System.Text.Json")]
    [InlineData("System.Diagnostics.DiagnosticSource")]
    [InlineData("System.Memory")]
    [InlineData("System.Buffers")]
    [InlineData("netstandard")]
    [InlineData("Microsoft.Win32.Primitives")]
    public void WhatTheFrameworkHasAtTheVersionAskedForIsDeferred(string name)
    {
        Version available = PlatformAssemblies.FrameworkVersion(name)!;
        Assert.True(PlatformAssemblies.Provides(new AssemblyName($"{name}, Version={available}")));
        Assert.True(PlatformAssemblies.Provides(new AssemblyName($"{name}, Version=1.0.0.0")));
        Assert.True(PlatformAssemblies.Provides(new AssemblyName(name)));
    }

    [Fact]
    public void AFrameworkAssemblyNewerThanTheHostsIsNotDeferred() =>
        // PowerShell 7.4 (.NET 8) asked for System.Text.Json 10 by Azure.Core: the module's own copy serves.
        Assert.False(PlatformAssemblies.Provides(new AssemblyName("System.Text.Json, Version=99.0.0.0")));

    [Theory]
    [InlineData("Azure.Core")]
    [InlineData("Microsoft.Identity.Client")]
    [InlineData("System.ClientModel")]
    [InlineData("System.Memory.Data")]
    [InlineData("System.IdentityModel.Tokens.Jwt")]
    [InlineData("PasswordReset.Engine")]
    public void PackagesAreNotTheFrameworksEvenWhenNamedSystem(string name)
    {
        Assert.Null(PlatformAssemblies.FrameworkVersion(name));
        Assert.False(PlatformAssemblies.Provides(new AssemblyName(name)));
    }

    [Theory]
    [InlineData("System.Management.Automation", true)]
    [InlineData("Microsoft.PowerShell.Commands.Utility", true)]
    [InlineData("Microsoft.Graph", false)]
    [InlineData("System.Text.Json", false)]
    public void PowerShellsOwnAssembliesAreDeferred(string name, bool expected) =>
        Assert.Equal(expected, PlatformAssemblies.IsPowerShell(name));
}
