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

    [Theory]
    [InlineData("{87D349ED-44D7-43E1-9A83-5F2406DEE5BD}")]
    [InlineData("87D349ED-44D7-43E1-9A83-5F2406DEE5BD")]
    [InlineData(" {87d349ed-44d7-43e1-9a83-5f2406dee5bd} ")]
    public void AnObjectIdInBracesOrUpperCaseBecomesTheCanonicalForm(string given)
    {
        Assert.Equal("87d349ed-44d7-43e1-9a83-5f2406dee5bd", UserReference.Create(given, null).Id);
        Assert.Equal("87d349ed-44d7-43e1-9a83-5f2406dee5bd", UserReference.Create(null, given).Key);
    }

    [Fact]
    public void AUserPrincipalNameIsNotChanged() =>
        Assert.Equal("AdeleV@contoso.com", UserReference.Create(null, "AdeleV@contoso.com").UserPrincipalName);
}
