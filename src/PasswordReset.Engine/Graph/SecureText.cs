using System;
using System.Runtime.InteropServices;
using System.Security;

namespace PasswordReset.Graph
{
    /// <summary>Turns a <see cref="SecureString"/> into text at the moment it is needed, freeing the unmanaged copy at once.</summary>
    public static class SecureText
    {
        /// <summary>The plain text of <paramref name="value"/>.</summary>
        public static string Reveal(SecureString value)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
