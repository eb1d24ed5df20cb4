using PasswordReset.Completion;
using Xunit;

namespace PasswordReset.Tests.Engine.Completion;

/// <summary>How completions are written on a command line and how typed words are read back.</summary>
public sealed class PowerShellLiteralTests
{
    [Theory]
    [InlineData("AdeleV@contoso.com", "AdeleV@contoso.com")]
    [InlineData("adele.vance-x_y@contoso.com", "adele.vance-x_y@contoso.com")]
    [InlineData("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "87d349ed-44d7-43e1-9a83-5f2406dee5bd")]
    [InlineData("1e100000-0000-0000-0000-000000000000", "1e100000-0000-0000-0000-000000000000")]
    [InlineData("Ciara.O'Neil@contoso.com", "'Ciara.O''Neil@contoso.com'")]
    [InlineData("$AdeleVance@contoso.com", "'$AdeleVance@contoso.com'")]
    [InlineData("a_contoso.com#EXT#@fabrikam.onmicrosoft.com", "'a_contoso.com#EXT#@fabrikam.onmicrosoft.com'")]
    [InlineData("Adele Vance", "'Adele Vance'")]
    [InlineData("O\u2019Neil@contoso.com", "'O\u2019\u2019Neil@contoso.com'")]
    [InlineData("O\u2018Neil\u201A\u201B", "'O\u2018\u2018Neil\u201A\u201A\u201B\u201B'")]
    [InlineData("a`b@contoso.com", "'a`b@contoso.com'")]
    [InlineData("a,b@contoso.com", "'a,b@contoso.com'")]
    [InlineData("-x@contoso.com", "'-x@contoso.com'")]
    [InlineData("@x", "'@x'")]
    [InlineData("1e5", "'1e5'")]
    [InlineData("0x10", "'0x10'")]
    [InlineData("a\"b", "'a\"b'")]
    [InlineData("zoë@contoso.com", "'zoë@contoso.com'")]
    [InlineData("", "''")]
    public void QuotesWhatPowerShellWouldNotReadBackAsItIs(string value, string expected) =>
        Assert.Equal(expected, PowerShellLiteral.Quote(value));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("ade", "ade")]
    [InlineData("$Ad", "$Ad")]
    // PowerShell 7.4+ hands a quoted word over unescaped, its closing quote added.
    [InlineData("'ade'", "ade")]
    [InlineData("'O'N'", "O'N")]
    [InlineData("\"ade\"", "ade")]
    [InlineData("'Adele V'", "Adele V")]
    [InlineData("'", "")]
    [InlineData("''", "")]
    [InlineData("\u2018ade\u2019", "ade")]
    // An opening quote only: its doubled apostrophes are read as one.
    [InlineData("'O''N", "O'N")]
    [InlineData("\"ade", "ade")]
    public void ReadsATypedWord(string? word, string expected) =>
        Assert.Equal(expected, PowerShellLiteral.Unquote(word));
}
