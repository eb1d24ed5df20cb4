using PasswordReset.Passwords;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class EntraPasswordPolicyTests
{
    [Theory]
    [InlineData("xWwvJ]6NMw+bWH-d")]     // Graph docs example (user-update, Example 3)
    [InlineData("abcdEFGH1234")]         // three categories, no symbol
    [InlineData("abcd 1234 !!!!")]       // blank space is allowed
    [InlineData("Cuyo5459")]             // 8 characters, three categories
    public void AcceptsCompliantPasswords(string password) => Assert.Empty(EntraPasswordPolicy.Validate(password));

    [Theory]
    [InlineData("Ab1!", "8 to 256")]
    [InlineData("abcdefghij", "3 of these 4")]
    [InlineData("abcdefgh1234", "3 of these 4")]
    [InlineData("Zoë-Ångström-1", "does not allow")]
    [InlineData("Tab\tTab1234!", "does not allow")]
    public void RefusesWhatBreaksThePolicy(string password, string expected)
    {
        var violations = EntraPasswordPolicy.Validate(password);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesTooLong() => Assert.NotEmpty(EntraPasswordPolicy.Validate(new string('a', 250) + "BCD123!")); // 257
}
