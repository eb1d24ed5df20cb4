using System.Reflection;
using PasswordReset.Auth;
using PasswordReset.Commands;
using PasswordReset.Graph;
using Xunit;

namespace PasswordReset.Tests.Module;

/// <summary>
/// The assembly split that dependency isolation rests on (issue 9): the cmdlet assembly and the models load in
/// PowerShell's default context, so neither may reference a Graph, Kiota, Azure, MSAL or IdentityModel assembly —
/// or anything else the engine depends on — or that dependency would load there too, beside other modules' versions.
/// </summary>
public sealed class AssemblyIsolationTests
{
    private static readonly Assembly Cmdlets = typeof(ConnectAadGraphCommand).Assembly;
    private static readonly Assembly Models = typeof(AadUser).Assembly;
    private static readonly Assembly Engine = typeof(CredentialFactory).Assembly;
    private static readonly string FrameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    // Families of the engine's dependencies, named so a failure reads plainly (the engine's own references are checked too).
    private static readonly string[] DependencyFamilies =
    [
        "Microsoft.Graph", "Microsoft.Kiota", "Azure.", "Microsoft.Identity", "System.IdentityModel", "System.ClientModel",
        "System.Memory.Data", "Std.UriTemplate", "Microsoft.Extensions.", "Microsoft.Bcl.",
    ];

    [Fact]
    public void TheCmdletAssemblyReferencesOnlyTheEngineTheModelsDotNetAndPowerShell()
    {
        foreach (AssemblyName reference in Cmdlets.GetReferencedAssemblies())
        {
            string name = reference.Name!;
            bool allowed = name == Engine.GetName().Name || name == Models.GetName().Name || name == "System.Management.Automation" || IsDotNet(name);
            Assert.True(allowed, $"PasswordReset.dll references {reference}: only the engine, the models, .NET's System.* and System.Management.Automation may be referenced.");
            AssertNotADependency(reference, "PasswordReset.dll");
        }

        Assert.Contains(Cmdlets.GetReferencedAssemblies(), r => r.Name == Models.GetName().Name);
    }

    [Fact]
    public void TheModelsReferenceNothingButDotNet()
    {
        foreach (AssemblyName reference in Models.GetReferencedAssemblies())
        {
            Assert.True(IsDotNet(reference.Name!), $"PasswordReset.Models.dll references {reference}: it must stay dependency-free.");
            AssertNotADependency(reference, "PasswordReset.Models.dll");
        }
    }

    [Theory]
    [InlineData(typeof(AadUser), "PasswordReset.AadUser")]
    [InlineData(typeof(PasswordResetResult), "PasswordReset.PasswordResetResult")]
    [InlineData(typeof(AadGraphContext), "PasswordReset.AadGraphContext")]
    [InlineData(typeof(GraphEnvironment), "PasswordReset.Graph.GraphEnvironment")]
    public void TypesScriptsNameLiveInTheModelsUnderTheirNames(Type type, string fullName)
    {
        Assert.Same(Models, type.Assembly);
        Assert.Equal(fullName, type.FullName);
    }

    [Fact]
    public void TheEngineSharesTheModelsRatherThanDefiningItsOwn()
    {
        Assert.Contains(Engine.GetReferencedAssemblies(), r => r.Name == Models.GetName().Name);
        Assert.DoesNotContain(Engine.GetExportedTypes(), t => t.Name is nameof(AadUser) or nameof(PasswordResetResult) or nameof(AadGraphContext) or nameof(GraphEnvironment));
    }

    private static bool IsDotNet(string name) =>
        (name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard") && File.Exists(Path.Combine(FrameworkFolder, name + ".dll"));

    private static void AssertNotADependency(AssemblyName reference, string from)
    {
        string name = reference.Name!;
        Assert.False(DependencyFamilies.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)), $"{from} references the dependency {reference}.");
        bool engineDependency = Engine.GetReferencedAssemblies().Any(r => r.Name == name && name != Models.GetName().Name && !IsDotNet(name));
        Assert.False(engineDependency, $"{from} references {reference}, which the engine depends on.");
    }
}
