using System.Text.Json.Nodes;
using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>graph-facts §1: permissions from the token, the "who can reset whom" table, external and federated users.</summary>
public sealed class AuthorizationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "xWwvJ]6NMw+bWH-d";
    private const string Denied = "Insufficient privileges to complete the operation.";

    private const string GlobalAdmin = "admin@M365x214355.onmicrosoft.com";
    private const string UserAdmin = "NestorW@M365x214355.onmicrosoft.com";
    private const string HelpdeskAdmin = "kakers@M365x214355.onmicrosoft.com"; // synced
    private const string NonAdmin = "AdeleV@M365x214355.onmicrosoft.com";
    private const string Guest = "a_contoso.com#EXT#@M365x214355.onmicrosoft.com";

    private const string Helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    private const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    private const string DelegatedScopes = "User.Read.All User-PasswordProfile.ReadWrite.All";

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string PasswordBody => new JsonObject
    {
        ["@odata.type"] = "#microsoft.graph.user",
        ["passwordProfile"] = new JsonObject { ["forceChangePasswordNextSignIn"] = true, ["password"] = Password },
    }.ToJsonString();

    private static string UserPath(string upn) => "/v1.0/users/" + Uri.EscapeDataString(upn);

    private Task<string> DelegatedAsync(string wid, string scp = DelegatedScopes) =>
        emulator.IssueTokenAsync(new JsonObject { ["scp"] = scp, ["wids"] = new JsonArray(wid) }.ToJsonString());

    private Task<string> AppAsync(string[] roles, params string[] wids) => emulator.IssueTokenAsync(new JsonObject
    {
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
        ["wids"] = new JsonArray([.. wids.Select(w => (JsonNode)w)]),
    }.ToJsonString());

    private async Task<int> ResetAsync(string upn, string token)
    {
        using var response = await emulator.PatchAsync(UserPath(upn), PasswordBody, token);
        if ((int)response.StatusCode == 403)
        {
            Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(response, 403, "Authorization_RequestDenied"));
        }

        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Default_token_resets_anyone_including_a_global_admin()
    {
        Assert.Equal(204, await ResetAsync(GlobalAdmin, emulator.Token));
        Assert.Equal(204, await ResetAsync(UserAdmin, emulator.Token));
    }

    [Fact]
    public async Task Delegated_helpdesk_admin_resets_non_admins_only()
    {
        var token = await DelegatedAsync(Helpdesk);
        Assert.Equal(403, await ResetAsync(GlobalAdmin, token));
        Assert.Equal(403, await ResetAsync(UserAdmin, token));
        Assert.Equal(204, await ResetAsync(NonAdmin, token));
        Assert.Equal(204, await ResetAsync(HelpdeskAdmin, token)); // own role: allowed
    }

    [Fact]
    public async Task Password_admin_cannot_reset_a_helpdesk_admin_and_403_comes_before_400()
    {
        // Writeback off: the synced Helpdesk Administrator would be 400 on-premises mastered, but authorization runs first.
        using (var settings = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json("""{"passwordWriteback":false}""")))
        {
            Assert.Equal(204, (int)settings.StatusCode);
        }

        var token = await DelegatedAsync(PasswordAdministrator);
        Assert.Equal(403, await ResetAsync(HelpdeskAdmin, token));
        Assert.Equal(204, await ResetAsync(NonAdmin, token));
        Assert.Equal(400, await ResetAsync(HelpdeskAdmin, emulator.Token));
    }

    [Fact]
    public async Task Role_members_added_through_the_control_surface_decide_who_may_reset_them_until_reset()
    {
        const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
        var passwordAdmin = await DelegatedAsync(PasswordAdministrator);
        Assert.Equal(204, await ResetAsync(NonAdmin, passwordAdmin));

        // Helpdesk Administrator is in roles.json; Groups Administrator is not, so it is added as a new role.
        using (var added = await emulator.Client.PostAsync("/_emulator/roles/members",
            EmulatorFixture.Json($$"""{"roleTemplateId":"{{Helpdesk}}","userIds":["{{AdeleId.ToUpperInvariant()}}","{{AdeleId}}"]}""")))
        {
            Assert.Equal(200, (int)added.StatusCode);
            var role = await EmulatorFixture.ReadJsonAsync(added);
            Assert.Equal(Helpdesk, (string)role["roleTemplateId"]!);
            Assert.Single(role["memberIds"]!.AsArray(), m => (string)m! == AdeleId);
        }

        using (var added = await emulator.Client.PostAsync("/_emulator/roles/members",
            EmulatorFixture.Json($$"""{"roleTemplateId":"fdd7a751-b60b-444a-984c-02652fe8fa1c","userIds":["{{AdeleId}}"]}""")))
        {
            Assert.Equal(200, (int)added.StatusCode);
        }

        Assert.Equal(403, await ResetAsync(NonAdmin, passwordAdmin)); // a Helpdesk and Groups admin now
        Assert.Equal(204, await ResetAsync(NonAdmin, await DelegatedAsync(UserAdministrator))); // covers both roles
        var roles = await emulator.Client.GetStringAsync("/_emulator/roles");
        Assert.Contains("fdd7a751-b60b-444a-984c-02652fe8fa1c", roles, StringComparison.Ordinal);

        await emulator.ResetAsync();
        Assert.Equal(204, await ResetAsync(NonAdmin, passwordAdmin));
        Assert.DoesNotContain("fdd7a751-b60b-444a-984c-02652fe8fa1c", await emulator.Client.GetStringAsync("/_emulator/roles"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"roleTemplateId":"not-a-guid","userIds":["87d349ed-44d7-43e1-9a83-5f2406dee5bd"]}""", 400)]
    [InlineData("""{"roleTemplateId":"729827e3-9c14-49f7-bb1b-9608f156bbb8","userIds":[]}""", 400)]
    [InlineData("""{"roleTemplateId":"729827e3-9c14-49f7-bb1b-9608f156bbb8","userIds":["AdeleV@M365x214355.onmicrosoft.com"]}""", 400)]
    [InlineData("""{"roleTemplateId":"729827e3-9c14-49f7-bb1b-9608f156bbb8","userIds":["87d349ed-44d7-43e1-9a83-5f2406dee5bd","00000000-0000-0000-0000-000000000001"]}""", 404)]
    public async Task Role_members_are_refused_whole_without_a_role_id_or_with_an_unknown_user(string body, int status)
    {
        using (var refused = await emulator.Client.PostAsync("/_emulator/roles/members", EmulatorFixture.Json(body)))
        {
            Assert.Equal(status, (int)refused.StatusCode);
        }

        Assert.Equal(204, await ResetAsync(NonAdmin, await DelegatedAsync(PasswordAdministrator))); // Adele was not added
    }

    [Fact]
    public async Task Role_members_added_while_resets_run_never_break_a_reader()
    {
        // Copy-on-write: concurrent PATCHes read the role list while it is swapped; each answer is 204 or 403, never a 500.
        using var users = await emulator.Client.PostAsync("/_emulator/users/synthetic", EmulatorFixture.Json("""{"count":40}"""));
        Assert.Equal(200, (int)users.StatusCode);
        var token = await DelegatedAsync(PasswordAdministrator);
        var ids = Enumerable.Range(1, 40).Select(i => $"synthetic{i:D5}@M365x214355.onmicrosoft.com").ToList();
        var resets = ids.Select(upn => ResetAsync(upn, token)).ToList();
        var stored = await Task.WhenAll(ids.Take(20).Select(upn => emulator.ControlUserAsync(upn)));
        foreach (var user in stored)
        {
            using var added = await emulator.Client.PostAsync("/_emulator/roles/members",
                EmulatorFixture.Json($$"""{"roleTemplateId":"{{UserAdministrator}}","userIds":["{{(string)user["id"]!}}"]}"""));
            Assert.Equal(200, (int)added.StatusCode);
        }

        Assert.All(await Task.WhenAll(resets), status => Assert.Contains(status, new[] { 204, 403 }));
        Assert.All(await Task.WhenAll(ids.Take(20).Select(upn => ResetAsync(upn, token))), status => Assert.Equal(403, status));
    }

    [Fact]
    public async Task Delegated_user_admin_with_directory_access_as_user_resets_a_non_admin()
    {
        var token = await DelegatedAsync(UserAdministrator, "User.Read.All Directory.AccessAsUser.All");
        Assert.Equal(204, await ResetAsync(NonAdmin, token));
        Assert.Equal(204, await ResetAsync(UserAdmin, token));
        Assert.Equal(403, await ResetAsync(GlobalAdmin, token));
    }

    [Fact]
    public async Task Delegated_without_a_role_is_403()
    {
        var token = await emulator.IssueTokenAsync("""{"scp":"User.Read.All User-PasswordProfile.ReadWrite.All"}""");
        Assert.Equal(403, await ResetAsync(NonAdmin, token));
    }

    [Fact]
    public async Task App_only_without_wids_is_403()
    {
        var token = await AppAsync(["User.Read.All", "User-PasswordProfile.ReadWrite.All"]);
        Assert.Equal(403, await ResetAsync(NonAdmin, token));
    }

    [Fact]
    public async Task App_with_user_administrator_resets_a_non_admin_but_not_a_global_admin()
    {
        var token = await AppAsync(["User-PasswordProfile.ReadWrite.All"], UserAdministrator);
        Assert.Equal(204, await ResetAsync(NonAdmin, token));
        Assert.Equal(403, await ResetAsync(GlobalAdmin, token));
    }

    [Fact]
    public async Task App_with_only_helpdesk_wids_is_below_the_app_minimum()
    {
        var token = await AppAsync(["User-PasswordProfile.ReadWrite.All"], Helpdesk);
        Assert.Equal(403, await ResetAsync(NonAdmin, token));
    }

    [Fact]
    public async Task User_ReadWrite_All_alone_cannot_reset_passwords_but_updates_other_properties()
    {
        var token = await AppAsync(["User.ReadWrite.All"], EmulatorFixture.PrivilegedAuthenticationAdministrator);
        Assert.Equal(403, await ResetAsync(NonAdmin, token));
        using var other = await emulator.PatchAsync(UserPath(NonAdmin), """{"jobTitle":"Tester"}""", token);
        Assert.Equal(204, (int)other.StatusCode);

        using var directory = await emulator.PatchAsync(UserPath(NonAdmin), PasswordBody, await AppAsync(["Directory.ReadWrite.All"], UserAdministrator));
        Assert.Equal(204, (int)directory.StatusCode);
    }

    [Fact]
    public async Task Other_properties_need_a_write_permission()
    {
        using var response = await emulator.PatchAsync(UserPath(NonAdmin), """{"jobTitle":"Tester"}""", emulator.Token);
        Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(response, 403, "Authorization_RequestDenied"));
    }

    [Fact]
    public async Task Reading_needs_a_read_permission()
    {
        var token = await AppAsync(["User-PasswordProfile.ReadWrite.All"], UserAdministrator);
        foreach (var path in new[] { "/v1.0/users", UserPath(NonAdmin) })
        {
            using var response = await emulator.GetAsync(path, token);
            Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(response, 403, "Authorization_RequestDenied"));
        }

        foreach (var scp in new[] { "User.ReadBasic.All", "Directory.Read.All", "User.ReadWrite.All" })
        {
            using var ok = await emulator.GetAsync(UserPath(NonAdmin), await emulator.IssueTokenAsync(new JsonObject { ["scp"] = scp }.ToJsonString()));
            Assert.Equal(200, (int)ok.StatusCode);
        }
    }

    [Fact]
    public async Task Guest_is_403_even_for_privileged_authentication_administrator()
    {
        Assert.Equal(403, await ResetAsync(Guest, emulator.Token));
        var stored = await emulator.ControlUserAsync(Guest);
        Assert.Equal(0, (int)stored["passwordResetCount"]!);
    }

    [Theory]
    [InlineData("""{"userPrincipalName":"msa.user@M365x214355.onmicrosoft.com","identities":[{"signInType":"federated","issuer":"MicrosoftAccount","issuerAssignedId":"x"}]}""", 403)]
    [InlineData("""{"userPrincipalName":"ext.user@M365x214355.onmicrosoft.com","identities":[{"signInType":"federated","issuer":"ExternalAzureAD","issuerAssignedId":"x"}]}""", 403)]
    [InlineData("""{"userPrincipalName":"mail.user@M365x214355.onmicrosoft.com","identities":[{"signInType":"emailAddress","issuer":"mail","issuerAssignedId":"a@b.c"}]}""", 403)]
    [InlineData("""{"userPrincipalName":"invited@M365x214355.onmicrosoft.com","creationType":"Invitation","userType":"Member"}""", 403)]
    [InlineData("""{"userPrincipalName":"local.guest@M365x214355.onmicrosoft.com","userType":"Guest","identities":[{"signInType":"userPrincipalName","issuer":"M365x214355.onmicrosoft.com","issuerAssignedId":"local.guest@M365x214355.onmicrosoft.com"}]}""", 204)]
    public async Task External_identity_decides_not_user_type(string user, int expected)
    {
        using var added = await emulator.Client.PostAsync("/_emulator/users", EmulatorFixture.Json(user));
        Assert.Equal(201, (int)added.StatusCode);
        var upn = (string)(await EmulatorFixture.ReadJsonAsync(added))["userPrincipalName"]!;
        Assert.Equal(expected, await ResetAsync(upn, emulator.Token));
    }

    [Fact]
    public async Task Federated_domain_user_is_400_after_authorization()
    {
        using (var settings = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json("""{"federatedDomains":["fabrikam.example"]}""")))
        {
            Assert.Equal(204, (int)settings.StatusCode);
        }

        using (var added = await emulator.Client.PostAsync("/_emulator/users", EmulatorFixture.Json("""{"userPrincipalName":"alice@Fabrikam.example","displayName":"Alice"}""")))
        {
            Assert.Equal(201, (int)added.StatusCode);
        }

        using (var response = await emulator.PatchAsync(UserPath("alice@Fabrikam.example"), PasswordBody))
        {
            var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
            Assert.Equal("Unable to update the password of a user in a federated domain: the password is managed by the federation's identity provider.", message);
            Assert.Contains("federated", message, StringComparison.Ordinal);
        }

        // A caller without a suitable role still gets 403 first.
        Assert.Equal(403, await ResetAsync("alice@Fabrikam.example", await DelegatedAsync(PasswordAdministrator, "User.Read.All")));

        // Cloud users of the initial domain are unaffected; reset clears the setting.
        Assert.Equal(204, await ResetAsync(NonAdmin, emulator.Token));
        await emulator.ResetAsync();
        using var gone = await emulator.Client.GetAsync("/_emulator/users/" + Uri.EscapeDataString("alice@Fabrikam.example"));
        Assert.Equal(404, (int)gone.StatusCode);
    }

    [Fact]
    public void Several_target_roles_need_one_caller_role_covering_all()
    {
        string[] helpdeskAndPassword = [Helpdesk, PasswordAdministrator];
        Assert.True(PasswordResetRoles.CanReset([Helpdesk], helpdeskAndPassword));
        Assert.False(PasswordResetRoles.CanReset([PasswordAdministrator], helpdeskAndPassword));

        string[] helpdeskAndAuth = [Helpdesk, PasswordResetRoles.AuthenticationAdministrator];
        Assert.False(PasswordResetRoles.CanReset([Helpdesk, PasswordResetRoles.AuthenticationAdministrator], helpdeskAndAuth)); // no single role covers both
        Assert.False(PasswordResetRoles.CanReset([Helpdesk], helpdeskAndAuth));
        Assert.False(PasswordResetRoles.CanReset([UserAdministrator], helpdeskAndAuth));
        Assert.True(PasswordResetRoles.CanReset([PasswordResetRoles.PrivilegedAuthenticationAdministrator], helpdeskAndAuth));
        Assert.True(PasswordResetRoles.CanReset([PasswordResetRoles.GlobalAdministrator], [PasswordResetRoles.GlobalAdministrator])); // (*) ignored
        Assert.False(PasswordResetRoles.CanReset([UserAdministrator], ["00000000-0000-0000-0000-00000000c0de"])); // custom role
        Assert.False(PasswordResetRoles.CanReset([], []));
        Assert.False(PasswordResetRoles.CanReset(["88d8e3e3-8f55-4a1e-953a-9b9898b8876b"], [])); // Directory Readers can reset no one
    }
}
