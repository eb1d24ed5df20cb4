using PasswordReset.Resets;
using Xunit;

namespace PasswordReset.Tests.Engine.Resets;

/// <summary>Whether any reset can succeed is decided from the token's claims, before any request (graph-facts.md §1).</summary>
public sealed class ResetPermissionCheckTests
{
    private const string Helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string DirectoryReaders = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    [Theory]
    [InlineData("Delegated", "User.Read.All", "", false)]
    [InlineData("Delegated", "User.Read.All User-PasswordProfile.ReadWrite.All", Helpdesk, true)]
    [InlineData("Delegated", "User.Read.All User-PasswordProfile.ReadWrite.All", DirectoryReaders, false)]
    [InlineData("Delegated", "Directory.AccessAsUser.All", Helpdesk, true)]
    [InlineData("Delegated", "Directory.AccessAsUser.All", "", true)] // no wids: roles scoped to an administrative unit are not listed
    [InlineData("Delegated", "User-PasswordProfile.ReadWrite.All", "", true)]
    [InlineData("AppOnly", "User.Read.All", "", false)]
    [InlineData("AppOnly", "User-PasswordProfile.ReadWrite.All", "", true)] // no wids claim: nothing known about the app's roles
    [InlineData("AppOnly", "User-PasswordProfile.ReadWrite.All", DirectoryReaders, false)]
    [InlineData("", "", "", true)] // not a JWT: everything is tried
    public void DecidesFromScopesRolesAndDirectoryRoles(string tokenType, string permissions, string wids, bool canSucceed)
    {
        string[] granted = permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var context = new AadGraphContext
        {
            TokenType = tokenType,
            Scopes = tokenType == "Delegated" ? granted : [],
            Roles = tokenType == "AppOnly" ? granted : [],
            DirectoryRoleIds = wids.Length == 0 ? [] : [wids],
        };
        Assert.Equal(canSucceed, ResetPermissionCheck.WhyNoResetCanSucceed(context) is null);
    }
}
