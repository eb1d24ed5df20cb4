using System;
using System.Collections.Generic;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class IdentityColumnsTests
{
    private const string AlexId = "4782e723-f4f4-4af3-a76e-25e3bab0d896";

    private static UserReference Read(params (string Name, object? Value)[] columns)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (var (name, value) in columns) pairs.Add(new KeyValuePair<string, object?>(name, value));
        return IdentityColumns.Read(pairs);
    }

    [Theory]
    [InlineData("UserPrincipalName")]
    [InlineData("UserPrincipalName ")]
    [InlineData(" upn")]
    [InlineData("USERPRINCIPALNAME")]
    [InlineData("User principal name")]
    public void ReadsUpnColumnsIgnoringCaseAndSurroundingSpaces(string header)
    {
        var reference = Read((header, " adele@contoso.com "));
        Assert.Equal("adele@contoso.com", reference.UserPrincipalName);
        Assert.Null(reference.Id);
    }

    [Theory]
    [InlineData("\uFEFF\uFEFFUserPrincipalName")] // a second byte order mark, which Import-Csv leaves in the header
    [InlineData("\u200BUPN ")]
    public void ReadsUpnColumnsIgnoringSurroundingInvisibleCharacters(string header) =>
        Assert.Equal("adele@contoso.com", Read((header, "adele@contoso.com")).UserPrincipalName);

    [Fact]
    public void ADatabaseRowsEmptyCellIsNotGiven()
    {
        var reference = Read(("Id", DBNull.Value), ("UserPrincipalName", "adele@contoso.com"));
        Assert.Null(reference.Id);
        Assert.Equal("adele@contoso.com", reference.Key);
    }

    [Theory]
    [InlineData("Id")]
    [InlineData("ObjectId")]
    [InlineData(" userid ")]
    [InlineData("Object Id")]
    public void ReadsIdColumns(string header)
    {
        Assert.Equal(AlexId, Read((header, AlexId.ToUpperInvariant())).Id);
    }

    [Fact]
    public void AGuidValueIsAnId() => Assert.Equal(AlexId, Read(("Id", Guid.Parse(AlexId))).Id);

    [Fact]
    public void EmptyCellsAreNotGivenAndTheIdWins()
    {
        var reference = Read(("Id", ""), ("ObjectId", AlexId), ("UPN", "adele@contoso.com"), ("Department", "Sales"));
        Assert.Equal(AlexId, reference.Key);
        Assert.Equal("adele@contoso.com", reference.UserPrincipalName);
    }

    [Fact]
    public void EqualIdColumnsAgree() =>
        Assert.Equal(AlexId, Read(("Id", AlexId), ("ObjectId", "{" + AlexId.ToUpperInvariant() + "}")).Id);

    [Theory]
    [InlineData("Id", "ObjectId")]
    [InlineData("UserPrincipalName", "UPN")]
    public void ColumnsThatDisagreeAreRefused(string first, string second)
    {
        var ex = Assert.Throws<ArgumentException>(() => Read((first, "a@contoso.com"), (second, "b@contoso.com")));
        Assert.Contains("two different users", ex.Message);
    }

    [Fact]
    public void EmptyIdentityCellsAreNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Read(("Name", "Adele"), ("Id", null), ("UPN", "")));
        Assert.Contains("its Id and UPN are empty", ex.Message);
    }

    private static string NoUserMessage(params string[] names) =>
        Assert.Throws<ArgumentException>(() => IdentityColumns.Read(new List<KeyValuePair<string, object?>>(), names)).Message;

    [Fact]
    public void NoIdentityColumnIsRefusedNamingTheColumnsItHas()
    {
        string message = NoUserMessage("Email", "Department");
        Assert.Contains("UserPrincipalName, UPN, Id, ObjectId or UserId", message);
        Assert.Contains("its columns: 'Email', 'Department'", message);
        Assert.Contains("Select-Object", message);
    }

    [Fact]
    public void AFileReadWithTheWrongDelimiterIsSpotted() =>
        Assert.Contains("Import-Csv -Delimiter", NoUserMessage("UserPrincipalName;DisplayName"));

    [Theory]
    [InlineData("adele@contoso.com")]
    [InlineData("4782e723-f4f4-4af3-a76e-25e3bab0d896")]
    public void AFileWithoutAHeaderRowIsSpotted(string firstLine) =>
        Assert.Contains("Import-Csv -Header UserPrincipalName", NoUserMessage(firstLine));

    [Fact]
    public void ListsAndObjectsAreRefusedWithoutRepeatingThem()
    {
        Assert.Contains("holds a list", Assert.Throws<ArgumentException>(() => Read(("UPN", new[] { "a@x.com", "b@x.com" }))).Message);
        var ex = Assert.Throws<ArgumentException>(() => Read(("Id", new Uri("https://secret@example.com"))));
        Assert.DoesNotContain("secret", ex.Message);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("a\tb@contoso.com")]
    [InlineData("..")]
    public void ValuesKeepUserReferenceRules(string value)
    {
        Assert.Throws<ArgumentException>(() => Read(("UserPrincipalName", value)));
    }

    [Theory]
    [InlineData("{4782E723-F4F4-4AF3-A76E-25E3BAB0D896}", AlexId, null)]
    [InlineData(" 4782e723-f4f4-4af3-a76e-25e3bab0d896 ", AlexId, null)]
    [InlineData("adele@contoso.com", null, "adele@contoso.com")]
    public void TextIsAnIdWhenItIsAGuid(string text, string? id, string? upn)
    {
        var reference = UserReference.FromText(text);
        Assert.Equal(id, reference.Id);
        Assert.Equal(upn, reference.UserPrincipalName);
    }

    [Fact]
    public void MismatchIsReportedOnlyWhenBothWereNamedAndDiffer()
    {
        Assert.Null(UserReference.Create(AlexId, "alexw@contoso.com").MismatchWith("AlexW@contoso.com"));
        Assert.Null(UserReference.Create(AlexId, null).MismatchWith("x@contoso.com"));
        Assert.Contains("belongs to 'x@contoso.com'", UserReference.Create(AlexId, "alexw@contoso.com").MismatchWith("x@contoso.com"));
    }
}
