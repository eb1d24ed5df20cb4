using System.Net;
using System.Text.Json;
using Azure.Core;
using PasswordReset.Auth;
using PasswordReset.Errors;
using PasswordReset.Graph;
using PasswordReset.Passwords;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

/// <summary>Request shape and error mapping of user reads, through the real Graph SDK over an in-memory handler.</summary>
public sealed class UserDirectoryTests
{
    private const string UserJson = "{\"id\":\"6e7b768e-07e2-4810-8459-485f84f8f204\",\"userPrincipalName\":\"adele@contoso.com\",\"displayName\":\"Adele Vance\"}";

    private static (UserDirectory Directory, RecordingHandler Handler) Create()
    {
        var handler = new RecordingHandler();
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        var connection = GraphConnectionFactory.Create(CredentialFactory.ForAccessToken(credential, GraphEnvironment.Global), GraphEnvironment.Global, new Uri("http://127.0.0.1:5080"), finalHandler: handler);
        return (new UserDirectory(connection), handler);
    }

    [Theory]
    [InlineData("$adele@contoso.com", "/v1.0/users(userPrincipalName='%24adele%40contoso.com')")]
    [InlineData("$o'neil@contoso.com", "/v1.0/users(userPrincipalName='%24o%27%27neil%40contoso.com')")]
    [InlineData("a_contoso.com#EXT#@fab.onmicrosoft.com", "/v1.0/users/a_contoso.com%23EXT%23%40fab.onmicrosoft.com")]
    [InlineData("o'neil@contoso.com", "/v1.0/users/o%27neil%40contoso.com")]
    public async Task EncodesEachKeyOnceInADocumentedForm(string key, string expectedPath)
    {
        var (directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, UserJson);
        await directory.GetUserAsync(key, null, CancellationToken.None);
        string path = handler.Requests[0].Request.RequestUri!.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        Assert.Equal(expectedPath, "/" + path);
    }

    [Theory]
    [InlineData("emailAddress:gmail.com", true)]
    [InlineData("federated:MicrosoftAccount", true)]
    [InlineData("federated:M365x214355.onmicrosoft.com", false)]
    [InlineData("emailAddress:contoso.onmicrosoft.com", false)]
    [InlineData("userPrincipalName:contoso.com", false)]
    public void AnIdentityIssuedOutsideTheTenantMakesAnAccountExternal(string identity, bool external) =>
        Assert.Equal(external, new AadUser { UserPrincipalName = "kim@contoso.com", Identities = new[] { identity } }.IsExternal);

    [Fact]
    public void AGuestUserTypeAloneIsNotExternal() =>
        Assert.False(new AadUser { UserPrincipalName = "guest@fab.onmicrosoft.com", UserType = "Guest", Identities = new[] { "userPrincipalName:fab.onmicrosoft.com" } }.IsExternal);

    [Theory]
    [InlineData(400, "Request_BadRequest", "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.", GraphFailureKind.OnPremisesMastered)]
    [InlineData(400, "Request_BadRequest", "Unable to update the password of a user in a federated domain: the password is managed by the federation's identity provider.", GraphFailureKind.FederatedUser)]
    [InlineData(400, "Request_UnsupportedQuery", "Operator 'endsWith' is not supported because the required parameters might be missing.", GraphFailureKind.UnsupportedQuery)]
    [InlineData(400, "Request_BadRequest", "Invalid object identifier", GraphFailureKind.BadRequest)]
    [InlineData(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", GraphFailureKind.PermissionDenied)]
    [InlineData(429, "TooManyRequests", "Please retry again later.", GraphFailureKind.Throttled)]
    [InlineData(503, null, "Service unavailable", GraphFailureKind.Unavailable)]
    public void ClassifiesGraphFailures(int status, string? code, string message, GraphFailureKind kind) =>
        Assert.Equal(kind, new GraphRequestException(status, code, message, null, null, null).Kind);

    [Fact]
    public async Task SendsAdvancedQueriesWithConsistencyLevelAndCount()
    {
        var (directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, "{\"value\":[]}").Answer(HttpStatusCode.OK, "{\"value\":[]}");
        await directory.GetFirstPageAsync("department ne 'Sales'", null, 10, null, CancellationToken.None);
        await directory.GetFirstPageAsync("department eq 'Sales'", null, 10, null, CancellationToken.None);

        Assert.Equal("eventual", handler.Requests[0].Request.Headers.GetValues("ConsistencyLevel").Single());
        Assert.Contains("$count=true", Uri.UnescapeDataString(handler.Requests[0].Request.RequestUri!.Query), StringComparison.Ordinal);
        Assert.False(handler.Requests[1].Request.Headers.Contains("ConsistencyLevel"));
    }

    [Fact]
    public async Task ListsPagesWithSelectTopAndFilterAndFollowsTheNextLinkAsIs()
    {
        var (directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, "{\"value\":[" + UserJson + "],\"@odata.nextLink\":\"http://127.0.0.1:5080/v1.0/users?$top=1&$skiptoken=abc\"}")
               .Answer(HttpStatusCode.OK, "{\"value\":[" + UserJson + "]}");

        var first = await directory.GetFirstPageAsync("department eq 'Sales'", null, 1, new[] { "employeeId" }, CancellationToken.None);
        var second = await directory.GetNextPageAsync(first.NextLink!, null, CancellationToken.None);

        string query = Uri.UnescapeDataString(handler.Requests[0].Request.RequestUri!.Query);
        Assert.Contains("$top=1", query, StringComparison.Ordinal);
        Assert.Contains("$filter=department eq 'Sales'", query, StringComparison.Ordinal);
        Assert.Contains("employeeId", query, StringComparison.Ordinal);
        Assert.Contains("userPrincipalName", query, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:5080/v1.0/users?$top=1&$skiptoken=abc", Uri.UnescapeDataString(handler.Requests[1].Request.RequestUri!.ToString()));
        Assert.Null(second.NextLink);
        Assert.Single(first.Users);
    }

    [Fact]
    public async Task ExtraPropertiesArePlainValuesAndListsAreArrays()
    {
        var (directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, "{\"id\":\"6e7b768e-07e2-4810-8459-485f84f8f204\",\"userPrincipalName\":\"adele@contoso.com\"," +
            "\"businessPhones\":[\"+1 425 555 0109\",\"+1 425 555 0110\"],\"employeeId\":\"42\",\"employeeOrgData\":{\"division\":\"Sales\"}}");
        var user = await directory.GetUserAsync("adele@contoso.com", new[] { "businessPhones", "employeeId", "employeeOrgData" }, CancellationToken.None);
        Assert.Equal(new object?[] { "+1 425 555 0109", "+1 425 555 0110" }, Assert.IsType<object?[]>(user.AdditionalProperties["businessPhones"]));
        Assert.Equal("42", user.AdditionalProperties["employeeId"]);
        Assert.Equal("Sales", Assert.IsType<Dictionary<string, object?>>(user.AdditionalProperties["employeeOrgData"])["division"]);
    }
}
