using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PasswordReset.Graph;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Finds an app's client certificate the way Connect-MgGraph does: CurrentUser\My everywhere, LocalMachine\My too on
    /// Windows (.NET on Linux has no LocalMachine\My), or a PFX file. PEM files are read by Azure.Identity itself.
    /// Every failure is an <see cref="ArgumentException"/> that says what was looked for.
    /// </summary>
    public static class CertificateStore
    {
        /// <summary>The certificate with that thumbprint (spaces and case ignored) and a private key.</summary>
        public static X509Certificate2 FindByThumbprint(string thumbprint)
        {
            string clean = new string((thumbprint ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
            return Find(X509FindType.FindByThumbprint, clean, $"thumbprint {clean}");
        }

        /// <summary>The newest currently valid certificate with that subject (e.g. <c>CN=PasswordResetApp</c>, or a name) and a private key.</summary>
        public static X509Certificate2 FindBySubjectName(string subject)
        {
            bool distinguished = subject.IndexOf('=') >= 0;
            return Find(distinguished ? X509FindType.FindBySubjectDistinguishedName : X509FindType.FindBySubjectName, subject, $"subject '{subject}'");
        }

        /// <summary>True when the file is PEM text (starts with a <c>-----BEGIN</c> block) rather than PKCS#12.</summary>
        public static bool IsPem(string path)
        {
            EnsureExists(path);
            using var reader = new StreamReader(path);
            var buffer = new char[4096];
            int read = reader.Read(buffer, 0, buffer.Length);
            return new string(buffer, 0, read).IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0;
        }

        /// <summary>Loads a PFX (PKCS#12) file with its private key.</summary>
        public static X509Certificate2 LoadPfx(string path, SecureString? password)
        {
            EnsureExists(path);
            try
            {
                var certificate = new X509Certificate2(path, password is null ? null : SecureText.Reveal(password), X509KeyStorageFlags.DefaultKeySet);
                if (!certificate.HasPrivateKey) throw new ArgumentException($"The certificate file '{path}' has no private key.");
                return certificate;
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new ArgumentException($"The certificate file '{path}' could not be read (wrong -CertificatePassword, or not a PFX/PEM file): {ex.Message}", ex);
            }
        }

        private static X509Certificate2 Find(X509FindType type, string value, string description)
        {
            var locations = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine }
                : new[] { StoreLocation.CurrentUser };
            foreach (var location in locations)
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var match = store.Certificates.Find(type, value, validOnly: false)
                    .Cast<X509Certificate2>()
                    .Where(c => c.HasPrivateKey && c.NotBefore <= DateTime.Now && c.NotAfter >= DateTime.Now)
                    .OrderByDescending(c => c.NotAfter)
                    .FirstOrDefault();
                if (match != null) return match;
            }

            throw new ArgumentException($"No valid certificate with a private key and {description} was found in {string.Join(" or ", locations.Select(l => l + "\\My"))}.");
        }

        private static void EnsureExists(string path)
        {
            if (!File.Exists(path)) throw new ArgumentException($"The certificate file '{path}' does not exist.");
        }
    }
}
