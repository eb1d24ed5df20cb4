using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PasswordReset.Commands
{
    /// <summary>
    /// The module's private <see cref="AssemblyLoadContext"/> ("PasswordReset"): the engine and every third-party
    /// dependency load here from the module's <c>dependencies/</c> folder, as listed in the engine's
    /// <c>PasswordReset.Engine.deps.json</c>, so other modules' versions of Azure.Core, MSAL or Microsoft.Graph.Core —
    /// loaded before or after us — never meet ours.
    /// </summary>
    /// <remarks>
    /// What it does not load, so that a type means the same on both sides of the boundary:
    /// <list type="bullet">
    /// <item>this cmdlet assembly and <c>PasswordReset.Models</c> (the output types scripts name): the default context's copies;</item>
    /// <item>PowerShell's own assemblies, and anything the shared framework provides at the version asked for
    /// (System.*, netstandard, Microsoft.Win32.* …): deferred to the default context. A private copy of a framework
    /// assembly is loaded only when the host's framework is older than what a dependency was built against (Azure.Core
    /// 1.53's net8.0 build asks for System.Text.Json 10 on PowerShell 7.4, whose .NET 8 has 8.0).</item>
    /// </list>
    /// One instance per process, never collected: PowerShell never unloads a module's assemblies.
    /// </remarks>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        /// <summary>The one assembly the default context is pointed here for.</summary>
        internal const string EngineName = "PasswordReset.Engine";

        /// <summary>The module's folder for dependencies, beside this assembly.</summary>
        internal const string DependencyFolderName = "dependencies";

        private static readonly Lazy<EngineLoadContext> Shared = new Lazy<EngineLoadContext>(() => new EngineLoadContext(
            Path.Combine(Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!, DependencyFolderName)));

        private readonly AssemblyDependencyResolver _resolver;
        private readonly Assembly _cmdlets = typeof(EngineLoadContext).Assembly;
        private readonly Assembly _models = typeof(AadUser).Assembly;

        private EngineLoadContext(string dependencyFolder)
            : base("PasswordReset", isCollectible: false)
        {
            // The resolver reads the deps.json beside the engine, so runtime-specific assets (runtimes/win/…) are chosen
            // as the SDK would for an application.
            _resolver = new AssemblyDependencyResolver(Path.Combine(dependencyFolder, EngineName + ".dll"));
        }

        /// <summary>The process's context.</summary>
        internal static EngineLoadContext Instance => Shared.Value;

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (name is null) return null;
            if (name == _models.GetName().Name) return _models;
            if (name == _cmdlets.GetName().Name) return _cmdlets;
            if (PlatformAssemblies.IsPowerShell(name) || PlatformAssemblies.Provides(assemblyName)) return null;

            string? path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        /// <inheritdoc />
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
