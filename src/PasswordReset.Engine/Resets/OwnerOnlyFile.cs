using System.IO;

namespace PasswordReset.Resets
{
    /// <summary>
    /// Opens a journal file for reading and appending, readable by its owner only (it holds temporary passwords); others
    /// may read it while a run writes. <see cref="Lock"/> keeps a second run off the same journal, so two runs never
    /// interleave their lines (.NET takes an advisory lock for <see cref="FileShare.None"/> on Unix).
    /// </summary>
    internal static class OwnerOnlyFile
    {
        /// <summary>Holds <c>{path}.lock</c> exclusively until disposed (then deletes it).</summary>
        /// <exception cref="IOException">Another run holds it.</exception>
        public static FileStream Lock(string path) =>
            new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

        public static FileStream OpenForReadAndAppend(string path)
        {
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                };
                var stream = new FileStream(path, options);
                // UnixCreateMode applies only when the file is created; an existing journal is tightened too.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                return stream;
            }
#endif
            // Windows: the file takes its folder's ACL (in the user's profile: the user, SYSTEM and Administrators); not narrowed here.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
    }
}
