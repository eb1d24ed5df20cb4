namespace GraphEmulator;

/// <summary>
/// The Entra password policy for cloud users (graph-facts §8): 8–256 characters, only the listed
/// characters (no Unicode), and at least 3 of 4 categories unless the user's passwordPolicies
/// contain DisableStrongPassword (graph-facts §1). The banned list is checked separately.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    // Symbols the policy lists, plus blank space (graph-facts §8).
    private const string Symbols = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<> ";

    public static bool IsCompliant(string password, string? passwordPolicies)
    {
        if (password.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in password)
        {
            if (c is >= 'a' and <= 'z')
            {
                lower = true;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                upper = true;
            }
            else if (c is >= '0' and <= '9')
            {
                digit = true;
            }
            else if (Symbols.Contains(c, StringComparison.Ordinal))
            {
                symbol = true;
            }
            else
            {
                return false; // not an allowed character (includes any non-ASCII)
            }
        }

        if (DisablesStrongPassword(passwordPolicies))
        {
            return true;
        }

        var categories = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return categories >= 3;
    }

    // passwordPolicies is e.g. "DisableStrongPassword" or "DisablePasswordExpiration, DisableStrongPassword".
    private static bool DisablesStrongPassword(string? passwordPolicies) =>
        passwordPolicies is not null &&
        passwordPolicies.Split(',', StringSplitOptions.TrimEntries)
            .Contains("DisableStrongPassword", StringComparer.OrdinalIgnoreCase);
}
