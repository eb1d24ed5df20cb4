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

/// <summary>Request shape and error mapping of the engine, through the real Graph SDK over an in-memory handler.</summary>
public sealed class PasswordResetServiceTests
{
    private const string UserJson = "{\"id\":\"6e7b768e-07e2-4810-8459-485f84f8f204\",\"userPrincipalName\":\"adele@contoso.com\",\"displayName\":\"Adele Vance\"}";

    private static (PasswordResetService Service, UserDirectory Directory, RecordingHandler Handler) Create()
    {
        var handler = new RecordingHandler();
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        var connection = GraphConnectionFactory.Create(CredentialFactory.ForAccessToken(credential, GraphEnvironment.Global), GraphEnvironment.Global, new Uri("http://127.0.0.1:5080"), finalHandler: handler);
        return (new PasswordResetService(connection, new TemporaryPasswordGenerator()), new UserDirectory(connection), handler);
    }

    [Fact]
    public async Task LooksUpByUpnThenPatchesTheObjectIdWithEveryFlagExplicit()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.OK, UserJson).Answer(HttpStatusCode.NoContent, requestId: "aaaaaaaa-0000-0000-0000-000000000001");

        var result = await service.ResetAsync(UserReference.Create(null, "adele@contoso.com"), null,
            new PasswordResetOptions { ForceChangePasswordNextSignIn = false }, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        var (get, _) = handler.Requests[0];
        Assert.Equal(HttpMethod.Get, get.Method);
        Assert.StartsWith("/v1.0/users/adele%40contoso.com", get.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("Bearer test-token", get.Headers.Authorization!.ToString());

        var (patch, body) = handler.Requests[1];
        Assert.Equal(HttpMethod.Patch, patch.Method);
        Assert.Equal("/v1.0/users/6e7b768e-07e2-4810-8459-485f84f8f204", patch.RequestUri!.AbsolutePath);
        using var doc = JsonDocument.Parse(body!);
        var profile = doc.RootElement.GetProperty("passwordProfile");
        Assert.Equal(result.TemporaryPassword, profile.GetProperty("password").GetString());
        Assert.Equal(JsonValueKind.False, profile.GetProperty("forceChangePasswordNextSignIn").ValueKind);
        Assert.Equal(JsonValueKind.False, profile.GetProperty("forceChangePasswordNextSignInWithMfa").ValueKind);

        Assert.Equal("6e7b768e-07e2-4810-8459-485f84f8f204", result.Id);
        Assert.Equal("Adele Vance", result.DisplayName);
        Assert.Equal("aaaaaaaa-0000-0000-0000-000000000001", result.RequestId);
        Assert.Empty(EntraPasswordPolicy.Validate(result.TemporaryPassword!));
    }

    [Fact]
    public async Task SkipsTheLookupForAKnownUserAndReturnsNoPasswordWhenTheAdminGaveOne()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.NoContent);
        var known = new AadUser { Id = "6e7b768e-07e2-4810-8459-485f84f8f204", UserPrincipalName = "adele@contoso.com" };

        var result = await service.ResetAsync(UserReference.Create(known.Id, known.UserPrincipalName), known,
            new PasswordResetOptions { NewPassword = "Given-Password-1", ForceChangePasswordNextSignInWithMfa = true }, CancellationToken.None);

        var (patch, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Patch, patch.Method);
        Assert.Contains("\"password\":\"Given-Password-1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"forceChangePasswordNextSignIn\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"forceChangePasswordNextSignInWithMfa\":true", body, StringComparison.Ordinal);
        Assert.Null(result.TemporaryPassword);
    }

    [Theory]
    [InlineData("$adele@contoso.com", "/v1.0/users(userPrincipalName='%24adele%40contoso.com')")]
    [InlineData("$o'neil@contoso.com", "/v1.0/users(userPrincipalName='%24o%27%27neil%40contoso.com')")]
    [InlineData("a_contoso.com#EXT#@fab.onmicrosoft.com", "/v1.0/users/a_contoso.com%23EXT%23%40fab.onmicrosoft.com")]
    [InlineData("o'neil@contoso.com", "/v1.0/users/o%27neil%40contoso.com")]
    public async Task EncodesEachKeyOnceInADocumentedForm(string key, string expectedPath)
    {
        var (_, directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, UserJson);
        await directory.GetUserAsync(key, null, CancellationToken.None);
        string path = handler.Requests[0].Request.RequestUri!.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        Assert.Equal(expectedPath, "/" + path);
    }

    [Fact]
    public async Task TranslatesGraphErrorsWithCodeMessageAndRequestId()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.NotFound,
            "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.\",\"innerError\":{\"date\":\"2026-11-29T10:00:00\",\"request-id\":\"bbbbbbbb-0000-0000-0000-000000000002\",\"client-request-id\":\"bbbbbbbb-0000-0000-0000-000000000002\"}}}");

        var ex = await Assert.ThrowsAsync<GraphRequestException>(() =>
            service.ResetAsync(UserReference.Create(null, "nobody@contoso.com"), null, new PasswordResetOptions(), CancellationToken.None));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("Request_ResourceNotFound", ex.GraphErrorCode);
        Assert.Equal("bbbbbbbb-0000-0000-0000-000000000002", ex.RequestId);
        Assert.Contains("Request_ResourceNotFound", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bbbbbbbb-0000-0000-0000-000000000002", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ODataError", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatchThatFailsNeverPutsThePasswordInTheException()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.BadRequest,
            "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"The specified password does not comply with password complexity requirements. Please provide a different password.\",\"innerError\":{\"request-id\":\"cccccccc-0000-0000-0000-000000000003\"}}}");
        var known = new AadUser { Id = "6e7b768e-07e2-4810-8459-485f84f8f204" };

        var ex = await Assert.ThrowsAsync<GraphRequestException>(() =>
            service.ResetAsync(UserReference.Create(known.Id, null), known, new PasswordResetOptions { NewPassword = "Banned-Password-1" }, CancellationToken.None));

        Assert.Equal(400, ex.StatusCode);
        Assert.DoesNotContain("Banned-Password-1", ex.ToString(), StringComparison.Ordinal);
    }

    private const string BannedAnswer =
        "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"The specified password does not comply with password complexity requirements. Please provide a different password.\",\"innerError\":{\"request-id\":\"dddddddd-0000-0000-0000-000000000004\"}}}";

    [Fact]
    public async Task RegeneratesARejectedGeneratedPasswordOnce()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.BadRequest, BannedAnswer).Answer(HttpStatusCode.NoContent);
        var known = new AadUser { Id = "6e7b768e-07e2-4810-8459-485f84f8f204" };

        var result = await service.ResetAsync(UserReference.Create(known.Id, null), known, new PasswordResetOptions(), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        string first = JsonDocument.Parse(handler.Requests[0].Body!).RootElement.GetProperty("passwordProfile").GetProperty("password").GetString()!;
        string second = JsonDocument.Parse(handler.Requests[1].Body!).RootElement.GetProperty("passwordProfile").GetProperty("password").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(second, result.TemporaryPassword);
    }

    [Fact]
    public async Task ReportsTheSecondRejectionAndNeverRetriesAnAdminPassword()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.BadRequest, BannedAnswer).Answer(HttpStatusCode.BadRequest, BannedAnswer);
        var known = new AadUser { Id = "6e7b768e-07e2-4810-8459-485f84f8f204" };

        var generated = await Assert.ThrowsAsync<GraphRequestException>(() =>
            service.ResetAsync(UserReference.Create(known.Id, null), known, new PasswordResetOptions(), CancellationToken.None));
        Assert.Equal(GraphFailureKind.PasswordRejected, generated.Kind);
        Assert.Equal(2, handler.Requests.Count);

        var (service2, _, handler2) = Create();
        handler2.Answer(HttpStatusCode.BadRequest, BannedAnswer);
        await Assert.ThrowsAsync<GraphRequestException>(() =>
            service2.ResetAsync(UserReference.Create(known.Id, null), known, new PasswordResetOptions { NewPassword = "Admin-Chosen-1" }, CancellationToken.None));
        Assert.Single(handler2.Requests);
    }

    [Theory]
    [InlineData("a_contoso.com#EXT#@fab.onmicrosoft.com", null, "userPrincipalName:fab.onmicrosoft.com")]
    [InlineData("b@fab.onmicrosoft.com", "Invitation", "userPrincipalName:fab.onmicrosoft.com")]
    [InlineData("c@fab.onmicrosoft.com", null, "federated:ExternalAzureAD")]
    public async Task RefusesExternalUsersBeforeAnyPatch(string upn, string? creationType, string identity)
    {
        var (service, _, handler) = Create();
        var known = new AadUser { Id = "cc6f6567-3cb6-4e7a-b850-3d0e2de37026", UserPrincipalName = upn, CreationType = creationType, UserType = "Member", Identities = new[] { identity } };
        var ex = await Assert.ThrowsAsync<PasswordResetRefusedException>(() =>
            service.ResetAsync(UserReference.Create(known.Id, upn), known, new PasswordResetOptions(), CancellationToken.None));
        Assert.Equal(PasswordResetRefusal.ExternalUser, ex.Reason);
        Assert.Empty(handler.Requests);
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
        var (_, directory, handler) = Create();
        handler.Answer(HttpStatusCode.OK, "{\"value\":[]}").Answer(HttpStatusCode.OK, "{\"value\":[]}");
        await directory.GetFirstPageAsync("department ne 'Sales'", null, 10, null, CancellationToken.None);
        await directory.GetFirstPageAsync("department eq 'Sales'", null, 10, null, CancellationToken.None);

        Assert.Equal("eventual", handler.Requests[0].Request.Headers.GetValues("ConsistencyLevel").Single());
        Assert.Contains("$count=true", Uri.UnescapeDataString(handler.Requests[0].Request.RequestUri!.Query), StringComparison.Ordinal);
        Assert.False(handler.Requests[1].Request.Headers.Contains("ConsistencyLevel"));
    }

    [Fact]
    public async Task CancellationPassesThroughUntranslated()
    {
        var (service, _, handler) = Create();
        handler.Answer(HttpStatusCode.OK, UserJson);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            service.ResetAsync(UserReference.Create(null, "adele@contoso.com"), null, new PasswordResetOptions(), cts.Token));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ListsPagesWithSelectTopAndFilterAndFollowsTheNextLinkAsIs()
    {
        var (_, directory, handler) = Create();
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
}
