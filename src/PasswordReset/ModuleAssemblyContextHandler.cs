using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Runs when PowerShell imports the module (<see cref="IModuleAssemblyInitializer"/>): hooks the default load context's
    /// <c>Resolving</c> event for one name only, <c>PasswordReset.Engine</c>, and answers it from
    /// <see cref="EngineLoadContext"/>. The engine is not beside this assembly (it is in <c>dependencies/</c>), so the
    /// default context never finds it itself and always asks; everything the engine then needs (Microsoft.Graph, Kiota,
    /// Azure.Identity, MSAL …) is resolved by the private context, never by the default one. This is the pattern of
    /// PowerShell's "Resolving PowerShell module assembly dependency conflicts" article.
    /// </summary>
    /// <remarks>
    /// Nothing here may name an engine or dependency type: this class runs before the engine can be resolved.
    /// Removing the module unhooks the handler; an engine already bound stays bound (assemblies never unload).
    /// </remarks>
    public sealed class ModuleAssemblyContextHandler : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>Hooks the resolver; importing again (another runspace, <c>-Force</c>) never hooks it twice.</summary>
        public void OnImport()
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        /// <summary>Unhooks the resolver (<c>Remove-Module</c>).</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
            name.Name == EngineLoadContext.EngineName ? EngineLoadContext.Instance.LoadFromAssemblyName(name) : null;
    }
}
