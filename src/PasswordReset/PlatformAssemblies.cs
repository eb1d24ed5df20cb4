using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Which assemblies the private load context leaves to the default one: PowerShell's, and those the running .NET's
    /// shared framework (Microsoft.NETCore.App, the folder of <c>System.Private.CoreLib</c>) provides at the version asked for.
    /// </summary>
    internal static class PlatformAssemblies
    {
        private static readonly string FrameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        private static readonly ConcurrentDictionary<string, Version?> FrameworkVersions = new ConcurrentDictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True for System.Management.Automation and Microsoft.PowerShell.*: the host's, shared by every module.</summary>
        public static bool IsPowerShell(string name) =>
            name.Equals("System.Management.Automation", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// True when the shared framework has an assembly of this name at the requested version or newer — then it must
        /// come from there (a second copy would make a second <c>Span&lt;T&gt;</c> or <c>JsonElement</c> type).
        /// False when the framework lacks it, or has only an older version than a dependency was built against.
        /// </summary>
        public static bool Provides(AssemblyName requested)
        {
            Version? available = FrameworkVersions.GetOrAdd(requested.Name!, ReadFrameworkVersion);
            return available != null && (requested.Version is null || requested.Version <= available);
        }

        /// <summary>The version of the framework's copy, or null when the framework has none.</summary>
        public static Version? FrameworkVersion(string name) => FrameworkVersions.GetOrAdd(name, ReadFrameworkVersion);

        private static Version? ReadFrameworkVersion(string name)
        {
            string path = Path.Combine(FrameworkFolder, name + ".dll");
            return File.Exists(path) ? AssemblyName.GetAssemblyName(path).Version : null;
        }
    }
}
