using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class QueryBuildingTests
{
    [Theory]
    [InlineData("department eq 'Sales'", false)]
    [InlineData("startswith(displayName,'A') and accountEnabled eq true", false)]
    [InlineData("department eq 'not ne endswith'", false)]          // operators inside a literal are values
    [InlineData("displayName eq 'O''Neil ne x'", false)]             // doubled apostrophe stays inside the literal
    [InlineData("department ne 'Sales'", true)]
    [InlineData("not(startswith(displayName,'A'))", true)]
    [InlineData("NOT startswith(displayName,'A')", true)]
    [InlineData("endsWith(mail,'@contoso.com')", true)]
    [InlineData("displayName eq 'O''Neil' and userType ne 'Guest'", true)]
    [InlineData("assignedLicenses/$count eq 0", true)]
    [InlineData("displayName eq 'x/$count'", false)]
    [InlineData(null, false)]
    public void RecognisesAdvancedFilters(string? filter, bool advanced) => Assert.Equal(advanced, AdvancedQuery.FilterNeedsIt(filter));

    [Fact]
    public void SearchesEachPlainWordInDisplayNameMailAndUpn()
    {
        Assert.Equal("\"displayName:adele\" OR \"mail:adele\" OR \"userPrincipalName:adele\"", SearchExpression.Build("adele"));
        Assert.Equal(
            "(\"displayName:adele\" OR \"mail:adele\" OR \"userPrincipalName:adele\") AND (\"displayName:vance\" OR \"mail:vance\" OR \"userPrincipalName:vance\")",
            SearchExpression.Build("  adele   vance "));
    }

    [Fact]
    public void EscapesBackslashesAndPassesGraphSyntaxThrough()
    {
        Assert.Equal("\"displayName:a\\\\b\" OR \"mail:a\\\\b\" OR \"userPrincipalName:a\\\\b\"", SearchExpression.Build("a\\b"));
        Assert.Equal("\"displayName:Guthr\" OR \"mail:Guthr\"", SearchExpression.Build("\"displayName:Guthr\" OR \"mail:Guthr\""));
    }

    [Fact]
    public void AWordThatNamesItsPropertySearchesOnlyThat() =>
        Assert.Equal("\"mail:adele\" AND (\"displayName:vance\" OR \"mail:vance\" OR \"userPrincipalName:vance\")", SearchExpression.Build("mail:adele vance"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesEmptySearch(string search) => Assert.Throws<ArgumentException>(() => SearchExpression.Build(search));
}
