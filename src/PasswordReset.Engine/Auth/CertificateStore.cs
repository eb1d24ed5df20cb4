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
            // Keep the hex digits only: copies from certmgr or openssl carry spaces, colons or an invisible U+200E.
            string clean = new string((thumbprint ?? string.Empty).Where(Uri.IsHexDigit).ToArray());
            return Find(X509FindType.FindByThumbprint, clean, $"thumbprint {clean}");
        }

        /// <summary>
        /// The newest currently valid certificate with that subject (a distinguished name such as <c>CN=PasswordResetApp</c>,
        /// or the common name alone, matched exactly, not as a substring) and a private key.
        /// </summary>
        public static X509Certificate2 FindBySubjectName(string subject)
        {
            string name = subject.Trim();
            if (name.IndexOf('=') >= 0) return Find(X509FindType.FindBySubjectDistinguishedName, name, $"subject '{name}'");
            return Find(X509FindType.FindBySubjectName, name, $"subject '{name}'",
                c => string.Equals(c.GetNameInfo(X509NameType.SimpleName, false), name, StringComparison.OrdinalIgnoreCase));
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

        private static X509Certificate2 Find(X509FindType type, string value, string description, Func<X509Certificate2, bool>? exact = null)
        {
            var expired = new System.Collections.Generic.List<X509Certificate2>();
            var locations = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine }
                : new[] { StoreLocation.CurrentUser };
            foreach (var location in locations)
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // A store never created (CurrentUser\My on a fresh Linux account or container) holds no certificate.
                    continue;
                }

                var candidates = store.Certificates.Find(type, value, validOnly: false)
                    .Cast<X509Certificate2>()
                    .Where(c => c.HasPrivateKey && (exact is null || exact(c)))
                    .ToList();
                var match = candidates.Where(c => c.NotBefore <= DateTime.Now && c.NotAfter >= DateTime.Now).OrderByDescending(c => c.NotAfter).FirstOrDefault();
                if (match != null) return match;
                expired.AddRange(candidates);
            }

            string where = string.Join(" or ", locations.Select(l => l + "\\My"));
            if (expired.Count > 0)
            {
                var last = expired.OrderByDescending(c => c.NotAfter).First();
                throw new ArgumentException($"The certificate with {description} in {where} is not valid now (valid {last.NotBefore:u} to {last.NotAfter:u}, thumbprint {last.Thumbprint}).");
            }

            throw new ArgumentException($"No certificate with a private key and {description} was found in {where}.");
        }

        private static void EnsureExists(string path)
        {
            if (!File.Exists(path)) throw new ArgumentException($"The certificate file '{path}' does not exist.");
        }
    }
}
