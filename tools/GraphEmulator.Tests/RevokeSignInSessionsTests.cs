using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;
using static PasswordReset.Tests.Emulator.UserActionTestKit;

namespace PasswordReset.Tests.Emulator;

/// <summary>POST /users/{key}/revokeSignInSessions (graph-facts §9, revoke-and-tap-facts §1) over HTTP.</summary>
public sealed class RevokeSignInSessionsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private static readonly string[] RevokeRoles = ["User.Read.All", "User.RevokeSessions.All"];

    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        _token = await emulator.AppTokenAsync(RevokeRoles, PrivilegedAuthenticationAdministratorRole);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> RevokeAsync(string key, string token, string? body = null)
    {
        using var response = await emulator.PostAsync(RevokePath(key), body, token);
        if ((int)response.StatusCode == 403)
        {
            Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(response, 403, "Authorization_RequestDenied"));
        }

        return (int)response.StatusCode;
    }

    private async Task<int> RevokedCountAsync(string key) => (int)(await emulator.ControlUserAsync(key))["signInSessionsRevokedCount"]!;

    [Fact]
    public async Task Answers_200_true_as_the_known_issue_says_and_records_the_time_on_the_user()
    {
        var before = DateTimeOffset.UtcNow;
        using (var response = await emulator.PostAsync(RevokePath(Adele), null, _token))
        {
            Assert.Equal(200, (int)response.StatusCode);
            var body = await EmulatorFixture.ReadJsonAsync(response);
            Assert.Equal(2, body.Count);
            Assert.EndsWith("/v1.0/$metadata#Edm.Boolean", (string)body["@odata.context"]!, StringComparison.Ordinal);
            Assert.True((bool)body["value"]!);
            Assert.Equal("1", response.Headers.GetValues("x-ms-resource-unit").Single());
        }

        // The namespace-qualified form of the OpenAPI description, by object id.
        using (var qualified = await emulator.PostAsync($"/v1.0/users/{AdeleId}/microsoft.graph.revokeSignInSessions", null, _token))
        {
            Assert.Equal(200, (int)qualified.StatusCode);
        }

        var stored = await emulator.ControlUserAsync(Adele);
        Assert.Equal(2, (int)stored["signInSessionsRevokedCount"]!);
        var revokedAt = DateTimeOffset.Parse((string)stored["signInSessionsRevokedDateTime"]!, CultureInfo.InvariantCulture);
        Assert.InRange(revokedAt, before, DateTimeOffset.UtcNow);
        Assert.Null((await emulator.ControlUserAsync(Alex))["signInSessionsRevokedDateTime"]);

        // Graph resets signInSessionsValidFromDateTime (returned only on $select).
        var read = await emulator.GetJsonAsync(UserPath(Adele) + "?$select=signInSessionsValidFromDateTime");
        Assert.Equal(stored["signInSessionsValidFromDateTime"]!.ToString(), (string)read["signInSessionsValidFromDateTime"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)read["signInSessionsValidFromDateTime"]!);

        var revoked = await emulator.ControlArrayAsync("/_emulator/sessionRevocations?revoked=true");
        var row = Assert.Single(revoked)!.AsObject();
        Assert.Equal(AdeleId, (string)row["id"]!);
        Assert.Equal(2, (int)row["revokedCount"]!);
        Assert.Equal(stored["signInSessionsRevokedDateTime"]!.ToString(), (string)row["lastRevoked"]!);
        Assert.Equal(42, (await emulator.ControlArrayAsync("/_emulator/sessionRevocations")).Count);

        await emulator.ResetAsync();
        Assert.Equal(0, await RevokedCountAsync(Adele));
    }

    [Fact]
    public async Task Permission_comes_before_the_lookup_and_every_documented_permission_is_accepted()
    {
        var none = await emulator.AppTokenAsync(["User.Read.All", "User-PasswordProfile.ReadWrite.All"], PrivilegedAuthenticationAdministratorRole);
        Assert.Equal(403, await RevokeAsync(Adele, none));
        Assert.Equal(403, await RevokeAsync("nobody@M365x214355.onmicrosoft.com", none));
        Assert.Equal(404, await RevokeAsync("nobody@M365x214355.onmicrosoft.com", _token));

        foreach (var permission in new[] { "User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All" })
        {
            Assert.Equal(200, await RevokeAsync(Adele, await emulator.AppTokenAsync([permission], PrivilegedAuthenticationAdministratorRole)));
        }

        // Directory.AccessAsUser.All (old docs) is a delegated permission only.
        Assert.Equal(200, await RevokeAsync(Adele, await emulator.DelegatedTokenAsync("Directory.AccessAsUser.All", null, UserAdministratorRole)));
        Assert.Equal(403, await RevokeAsync(Adele, await emulator.AppTokenAsync(["Directory.AccessAsUser.All"], PrivilegedAuthenticationAdministratorRole)));
        Assert.Equal(4, await RevokedCountAsync(Adele));
    }

    [Fact]
    public async Task Roles_mirror_the_password_reset_table_and_a_user_may_revoke_their_own_sessions()
    {
        var helpdesk = await emulator.DelegatedTokenAsync("User.RevokeSessions.All", null, HelpdeskAdministratorRole);
        Assert.Equal(200, await RevokeAsync(Adele, helpdesk));
        Assert.Equal(403, await RevokeAsync(GlobalAdmin, helpdesk));
        Assert.Equal(403, await RevokeAsync(UserAdmin, helpdesk));

        // Public reports: a non-admin's delegated token gets 403 — except on their own account ("by the user").
        var adeleSelf = await emulator.DelegatedTokenAsync("User.RevokeSessions.All", AdeleId);
        Assert.Equal(403, await RevokeAsync(Alex, adeleSelf));
        Assert.Equal(200, await RevokeAsync(AdeleId, adeleSelf));

        // App-only, as for a reset: at least User Administrator, then the table.
        Assert.Equal(403, await RevokeAsync(Adele, await emulator.AppTokenAsync(RevokeRoles)));
        Assert.Equal(403, await RevokeAsync(Adele, await emulator.AppTokenAsync(RevokeRoles, HelpdeskAdministratorRole)));
        var userAdmin = await emulator.AppTokenAsync(RevokeRoles, UserAdministratorRole);
        Assert.Equal(200, await RevokeAsync(Adele, userAdmin));
        Assert.Equal(403, await RevokeAsync(GlobalAdmin, userAdmin));
        Assert.Equal(200, await RevokeAsync(GlobalAdmin, _token));
        Assert.Equal(0, await RevokedCountAsync(UserAdmin));
    }

    [Fact]
    public async Task Roles_added_at_run_time_decide_too()
    {
        var helpdesk = await emulator.DelegatedTokenAsync("User.RevokeSessions.All", null, HelpdeskAdministratorRole);
        await emulator.ControlPostAsync("/_emulator/roles/members", $$"""{"roleTemplateId":"{{UserAdministratorRole}}","userIds":["{{AdeleId}}"]}""");
        Assert.Equal(403, await RevokeAsync(Adele, helpdesk));
        var authAdmin = await emulator.DelegatedTokenAsync("UserAuthenticationMethod.ReadWrite.All", null, AuthenticationAdministratorRole);
        using var pass = await emulator.PostAsync(PassesPath(Adele), "{}", authAdmin);
        Assert.Equal(403, (int)pass.StatusCode); // no longer a "member"
    }

    [Fact]
    public async Task Takes_no_parameters_only_post_and_keys_as_users_do()
    {
        Assert.Equal(200, await RevokeAsync(Adele, _token, "{}"));
        Assert.Equal(200, await RevokeAsync(Adele, _token, """{"@odata.type":"#microsoft.graph.user"}"""));
        using (var parameter = await emulator.PostAsync(RevokePath(Adele), """{"force":true}""", _token))
        {
            var message = await EmulatorFixture.AssertErrorAsync(parameter, 400, "BadRequest");
            Assert.Contains("'force'", message, StringComparison.Ordinal);
        }

        using (var notJson = await emulator.PostAsync(RevokePath(Adele), "[1]", _token))
        {
            Assert.Equal(400, (int)notJson.StatusCode);
        }

        using (var get = await emulator.GetAsync(RevokePath(Adele), _token))
        {
            await EmulatorFixture.AssertErrorAsync(get, 405, "Request_BadRequest");
        }

        using (var dollar = await emulator.PostAsync("/v1.0/users/%24AdeleVance%40M365x214355.onmicrosoft.com/revokeSignInSessions", null, _token))
        {
            await EmulatorFixture.AssertErrorAsync(dollar, 400, "Request_BadRequest");
        }

        using (var deeper = await emulator.PostAsync(RevokePath(Adele) + "/more", null, _token))
        {
            Assert.Contains("'revokeSignInSessions'", await EmulatorFixture.AssertErrorAsync(deeper, 400, "BadRequest"), StringComparison.Ordinal);
        }

        Assert.Equal(2, await RevokedCountAsync(Adele));
    }

    [Fact]
    public async Task External_users_get_the_same_answer_and_the_log_keys_every_request_by_user()
    {
        Assert.Equal(200, await RevokeAsync(Guest, _token));
        Assert.Equal(1, await RevokedCountAsync(GuestId));

        await RevokeAsync(Adele, _token);
        var entries = (await emulator.RequestLogAsync("?method=POST")).Select(e => (string?)e["key"]).ToList();
        Assert.Equal([Guest, Adele], entries);
    }
}
