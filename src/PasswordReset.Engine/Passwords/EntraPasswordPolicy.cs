using System.Collections.Generic;

namespace PasswordReset.Passwords
{
    /// <summary>
    /// The Entra ID password policy for cloud users (graph-facts.md §8, concept-sspr-policy):
    /// 8–256 characters, at least 3 of the 4 categories (lowercase, uppercase, digits, symbols),
    /// and only ASCII letters, digits, the listed symbols and blank space.
    /// </summary>
    /// <remarks>
    /// The banned-password list is Graph's to check; this class only catches what can be known
    /// before sending. Violations describe the rule, never the password or any of its characters.
    /// </remarks>
    public static class EntraPasswordPolicy
    {
        /// <summary>Shortest password the policy allows.</summary>
        public const int MinimumLength = 8;

        /// <summary>Longest password the policy allows.</summary>
        public const int MaximumLength = 256;

        /// <summary>Symbols the policy allows (blank space is allowed too).</summary>
        public const string AllowedSymbols = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>";

        /// <summary>Checks <paramref name="password"/> and returns the rules it breaks (empty when it complies).</summary>
        public static IReadOnlyList<string> Validate(string password)
        {
            var violations = new List<string>();
            if (password.Length < MinimumLength || password.Length > MaximumLength)
            {
                violations.Add($"it must be {MinimumLength} to {MaximumLength} characters long (it has {password.Length})");
            }

            bool lower = false, upper = false, digit = false, symbol = false, disallowed = false;
            foreach (char c in password)
            {
                switch (Classify(c))
                {
                    case CharCategory.Lowercase: lower = true; break;
                    case CharCategory.Uppercase: upper = true; break;
                    case CharCategory.Digit: digit = true; break;
                    case CharCategory.Symbol: symbol = true; break;
                    case CharCategory.Space: break;
                    default: disallowed = true; break;
                }
            }

            if (disallowed)
            {
                violations.Add("it contains a character the policy does not allow (allowed: A-Z, a-z, 0-9, blank space and " + AllowedSymbols + "; no Unicode characters)");
            }

            int categories = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
            if (categories < 3)
            {
                violations.Add($"it must contain characters from at least 3 of these 4 categories: lowercase letters, uppercase letters, digits, symbols (it has {categories})");
            }

            return violations;
        }

        /// <summary>The policy category of one character.</summary>
        public static CharCategory Classify(char c)
        {
            if (c >= 'a' && c <= 'z') return CharCategory.Lowercase;
            if (c >= 'A' && c <= 'Z') return CharCategory.Uppercase;
            if (c >= '0' && c <= '9') return CharCategory.Digit;
            if (c == ' ') return CharCategory.Space;
            return AllowedSymbols.IndexOf(c) >= 0 ? CharCategory.Symbol : CharCategory.NotAllowed;
        }
    }

    /// <summary>Character categories of the Entra password policy.</summary>
    public enum CharCategory
    {
        /// <summary>a–z.</summary>
        Lowercase,
        /// <summary>A–Z.</summary>
        Uppercase,
        /// <summary>0–9.</summary>
        Digit,
        /// <summary>One of <see cref="EntraPasswordPolicy.AllowedSymbols"/>.</summary>
        Symbol,
        /// <summary>Blank space: allowed, but in no category.</summary>
        Space,
        /// <summary>Anything else (Unicode, control characters, unlisted symbols).</summary>
        NotAllowed,
    }
}
