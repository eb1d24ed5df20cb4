using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>POST /_emulator/users, the federatedDomains setting and option, and the default token.</summary>
public sealed class ControlUsersTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> AddAsync(string body) => emulator.Client.PostAsync("/_emulator/users", EmulatorFixture.Json(body));

    [Fact]
    public async Task Added_user_gets_an_id_is_readable_through_graph_and_reset_removes_it()
    {
        string id;
        using (var added = await AddAsync("""{"userPrincipalName":"new.user@M365x214355.onmicrosoft.com","displayName":"New User","accountEnabled":true}"""))
        {
            Assert.Equal(201, (int)added.StatusCode);
            var stored = await EmulatorFixture.ReadJsonAsync(added);
            id = (string)stored["id"]!;
            Assert.True(Guid.TryParse(id, out _));
            Assert.Equal("New User", (string)stored["displayName"]!);
            Assert.Null(stored["passwordProfile"]);
            Assert.NotNull(stored["businessPhones"]); // missing keys filled like the seed users
        }

        var read = await emulator.GetJsonAsync("/v1.0/users/" + id + "?$select=id,displayName,accountEnabled,businessPhones");
        Assert.Equal("New User", (string)read["displayName"]!);
        Assert.Equal(43, (int)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/health"))["users"]!);

        await emulator.ResetAsync();
        using var gone = await emulator.GetAsync("/v1.0/users/" + id);
        Assert.Equal(404, (int)gone.StatusCode);
    }

    [Fact]
    public async Task Given_id_is_kept_duplicates_are_409_and_upn_is_required()
    {
        const string id = "0f3c1a2b-1111-4222-8333-944445555666";
        using (var added = await AddAsync($$"""{"id":"{{id}}","userPrincipalName":"given.id@M365x214355.onmicrosoft.com"}"""))
        {
            Assert.Equal(id, (string)(await EmulatorFixture.ReadJsonAsync(added))["id"]!);
        }

        using (var sameId = await AddAsync($$"""{"id":"{{id}}","userPrincipalName":"other@M365x214355.onmicrosoft.com"}"""))
        {
            Assert.Equal(409, (int)sameId.StatusCode);
        }

        using (var sameUpn = await AddAsync("""{"userPrincipalName":"ADELEV@M365x214355.onmicrosoft.com"}"""))
        {
            Assert.Equal(409, (int)sameUpn.StatusCode);
        }

        using var noUpn = await AddAsync("""{"displayName":"Nobody"}""");
        Assert.Equal(400, (int)noUpn.StatusCode);
    }

    [Fact]
    public void Command_line_reads_federated_domains()
    {
        var options = CommandLine.Parse(["--federated-domains", "fabrikam.example, contoso.example"]);
        Assert.Equal(["fabrikam.example", "contoso.example"], options.FederatedDomains);
        Assert.Empty(CommandLine.Parse([]).FederatedDomains);
    }

    [Fact]
    public void Command_line_finds_or_takes_the_openapi_contract()
    {
        Assert.EndsWith("users-v1.0.openapi.yaml", CommandLine.Parse([]).OpenApiPath, StringComparison.Ordinal);
        var path = ContractFileLocator.Find(ContractFileLocator.OpenApiFile);
        Assert.Equal(path, CommandLine.Parse(["--openapi", path]).OpenApiPath);
        Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--openapi", "/does/not/exist.yaml"]));
    }

    [Fact]
    public async Task Default_token_carries_privileged_authentication_administrator_and_explicit_roles_carry_no_wids()
    {
        var tokens = new TokenService();
        var (defaultToken, _) = tokens.Issue(new TokenRequest());
        var (caller, _) = await tokens.ValidateAsync(defaultToken);
        Assert.Equal(["User.Read.All", "User-PasswordProfile.ReadWrite.All"], caller!.Roles);
        Assert.Equal([EmulatorFixture.PrivilegedAuthenticationAdministrator], caller.DirectoryRoleTemplateIds);

        var (rolesOnly, _) = tokens.Issue(new TokenRequest { Roles = ["User.Read.All"] });
        Assert.Empty((await tokens.ValidateAsync(rolesOnly)).Caller!.DirectoryRoleTemplateIds);
        var (scpOnly, _) = tokens.Issue(new TokenRequest { Scp = "User.Read.All" });
        Assert.Empty((await tokens.ValidateAsync(scpOnly)).Caller!.DirectoryRoleTemplateIds);
        tokens.Dispose();
    }
}

internal static class HttpClientJsonExtensions
{
    public static async Task<System.Text.Json.Nodes.JsonObject> GetFromJsonNodeAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await EmulatorFixture.ReadJsonAsync(response);
    }
}
