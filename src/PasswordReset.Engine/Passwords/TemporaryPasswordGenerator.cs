using System;
using System.Security.Cryptography;

namespace PasswordReset.Passwords
{
    /// <summary>
    /// Generates temporary passwords like the Entra admin center's "Reset password" button:
    /// cryptographically random, compliant with <see cref="EntraPasswordPolicy"/>, with at least one
    /// character from each of the four categories, and without characters that are easy to misread
    /// when read out or that break when pasted into a shell or CSV (0 O o 1 l I | quotes ` \ space $ { } ; , &lt; &gt;).
    /// </summary>
    public sealed class TemporaryPasswordGenerator
    {
        /// <summary>Default length, as in the module's <c>-PasswordLength</c>.</summary>
        public const int DefaultLength = 16;

        /// <summary>Uppercase letters used (no I, O).</summary>
        public const string Uppercase = "ABCDEFGHJKLMNPQRSTUVWXYZ";

        /// <summary>Lowercase letters used (no l, o).</summary>
        public const string Lowercase = "abcdefghijkmnpqrstuvwxyz";

        /// <summary>Digits used (no 0, 1).</summary>
        public const string Digits = "23456789";

        /// <summary>
        /// Symbols used: the policy's symbols less | ' " ` \ and blank space (misread), and less $ { } ; , &lt; &gt;,
        /// which break when a password is pasted into a PowerShell string, a shell, a CSV cell or HTML.
        /// </summary>
        public const string Symbols = "@#%^&*-_!+=[]:.?/~()";

        /// <summary>The four category alphabets, in a fixed order.</summary>
        public static readonly string[] Categories = { Uppercase, Lowercase, Digits, Symbols };

        private static readonly string AllCharacters = Uppercase + Lowercase + Digits + Symbols;

        /// <summary>
        /// Returns a new password of <paramref name="length"/> characters
        /// (<see cref="EntraPasswordPolicy.MinimumLength"/> to <see cref="EntraPasswordPolicy.MaximumLength"/>).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The length is outside 8–256.</exception>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
            Justification = "A run is handed its generator (ResetRun's constructor), so where passwords come from stays an argument.")]
        public string Generate(int length = DefaultLength)
        {
            if (length < EntraPasswordPolicy.MinimumLength || length > EntraPasswordPolicy.MaximumLength)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length,
                    $"The password length must be {EntraPasswordPolicy.MinimumLength} to {EntraPasswordPolicy.MaximumLength}.");
            }

            var chars = new char[length];
            using (var rng = RandomNumberGenerator.Create())
            {
                // One from each category guarantees the policy; the rest from the union.
                for (int i = 0; i < Categories.Length; i++)
                {
                    chars[i] = Pick(rng, Categories[i]);
                }

                for (int i = Categories.Length; i < length; i++)
                {
                    chars[i] = Pick(rng, AllCharacters);
                }

                // Fisher–Yates, so the guaranteed characters are not always in front.
                for (int i = length - 1; i > 0; i--)
                {
                    int j = UniformInt(rng, i + 1);
                    (chars[i], chars[j]) = (chars[j], chars[i]);
                }
            }

            var password = new string(chars);
            Array.Clear(chars, 0, chars.Length);
            return password;
        }

        private static char Pick(RandomNumberGenerator rng, string alphabet) => alphabet[UniformInt(rng, alphabet.Length)];

        /// <summary>
        /// A uniform integer in [0, <paramref name="exclusiveMax"/>) by rejection sampling, so there is no modulo bias.
        /// (netstandard2.0 has no <c>RandomNumberGenerator.GetInt32</c>.)
        /// </summary>
        internal static int UniformInt(RandomNumberGenerator rng, int exclusiveMax)
        {
            if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
            const ulong range = 1UL << 32;
            ulong limit = range - (range % (ulong)exclusiveMax);
            var buffer = new byte[4];
            while (true)
            {
                rng.GetBytes(buffer);
                uint value = BitConverter.ToUInt32(buffer, 0);
                if (value < limit)
                {
                    return (int)(value % (uint)exclusiveMax);
                }
            }
        }
    }
}
