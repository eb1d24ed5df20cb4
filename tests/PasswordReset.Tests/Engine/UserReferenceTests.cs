using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class UserReferenceTests
{
    [Fact]
    public void PrefersTheImmutableId()
    {
        var reference = UserReference.Create("6e7b768e-07e2-4810-8459-485f84f8f204", "adele@contoso.com");
        Assert.Equal("6e7b768e-07e2-4810-8459-485f84f8f204", reference.Key);
        Assert.Equal("adele@contoso.com", reference.ToString());
    }

    [Fact]
    public void EmptyMeansNotGivenAndSpacesAreTrimmed()
    {
        var reference = UserReference.Create("", "  adele@contoso.com ");
        Assert.Null(reference.Id);
        Assert.Equal("adele@contoso.com", reference.Key);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(null, "   ")]
    [InlineData("\t", null)]
    [InlineData(null, "adele\u0000@contoso.com")]
    [InlineData(null, "a/b@contoso.com")]
    [InlineData(null, "adele\n@contoso.com")]
    [InlineData(null, ".")]
    [InlineData("..", null)]
    [InlineData(null, "adele\u200B@contoso.com")]
    [InlineData(null, "adele vance@contoso.com")]
    public void RefusesValuesThatCannotNameAUser(string? id, string? upn) =>
        Assert.Throws<ArgumentException>(() => UserReference.Create(id, upn));
}
