using System.IO;

namespace PasswordReset.Resets
{
    /// <summary>Opens a file for appending that only its owner may read or write (it holds temporary passwords).</summary>
    internal static class OwnerOnlyFile
    {
        public static FileStream OpenForAppend(string path)
        {
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                };
                var stream = new FileStream(path, options);
                // UnixCreateMode applies only when the file is created; an existing journal is tightened too.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                return stream;
            }
#endif
            // Windows: the file takes its folder's ACL (in the user's profile: the user, SYSTEM and Administrators); not narrowed here.
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
    }
}
