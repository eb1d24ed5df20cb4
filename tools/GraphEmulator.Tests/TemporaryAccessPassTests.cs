using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;
using static PasswordReset.Tests.Emulator.UserActionTestKit;

namespace PasswordReset.Tests.Emulator;

/// <summary>/users/{key}/authentication/temporaryAccessPassMethods (graph-facts §10, revoke-and-tap-facts §2–§3) over HTTP.</summary>
public sealed class TemporaryAccessPassTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string ODataType = """{"@odata.type":"#microsoft.graph.temporaryAccessPassAuthenticationMethod"}""";
    private static readonly string[] PassRoles = ["UserAuthenticationMethod.ReadWrite.All"];

    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        _token = await emulator.AppTokenAsync(PassRoles);
    }

    public Task DisposeAsync() => emulator.ResetAsync();

    private async Task<JsonObject> CreateAsync(string key, string body = "{}", string? token = null)
    {
        using var response = await emulator.PostAsync(PassesPath(key), body, token ?? _token);
        Assert.Equal(201, (int)response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    private async Task<int> StatusAsync(HttpMethod method, string path, string? body, string token)
    {
        using var response = await emulator.SendAsync(method, path, body, token);
        if ((int)response.StatusCode == 403)
        {
            Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(response, 403, "Authorization_RequestDenied"));
        }

        return (int)response.StatusCode;
    }

    private async Task<string> RefusedAsync(string key, string body)
    {
        using var response = await emulator.PostAsync(PassesPath(key), body, _token);
        return await EmulatorFixture.AssertErrorAsync(response, 400, "badRequest");
    }

    private async Task<JsonArray> ListAsync(string key, string? token = null)
    {
        using var response = await emulator.GetAsync(PassesPath(key), token ?? _token);
        Assert.Equal(200, (int)response.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.EndsWith("/authentication/temporaryAccessPassMethods", (string)body["@odata.context"]!, StringComparison.Ordinal);
        return body["value"]!.AsArray();
    }

    private Task<JsonObject> SetPolicyAsync(string json) => emulator.ControlPostAsync("/_emulator/tapPolicy", json);

    [Fact]
    public async Task Create_answers_201_with_the_code_which_no_read_ever_shows()
    {
        var before = DateTimeOffset.UtcNow;
        var created = await CreateAsync(Adele, ODataType);
        Assert.Equal("#microsoft.graph.temporaryAccessPassAuthenticationMethod", (string)created["@odata.type"]!);
        Assert.EndsWith($"$metadata#users('{AdeleId}')/authentication/temporaryAccessPassMethods/$entity", (string)created["@odata.context"]!, StringComparison.Ordinal);
        var id = (string)created["id"]!;
        Assert.True(Guid.TryParse(id, out _));
        var code = (string)created["temporaryAccessPass"]!;
        Assert.Equal(8, code.Length); // the policy's default length
        Assert.Equal(60, (int)created["lifetimeInMinutes"]!); // the policy's default lifetime
        Assert.False((bool)created["isUsableOnce"]!); // the policy's default
        Assert.True((bool)created["isUsable"]!);
        Assert.Equal("EnabledByPolicy", (string)created["methodUsabilityReason"]!);
        Assert.Equal((string)created["createdDateTime"]!, (string)created["startDateTime"]!); // usable at once
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$", (string)created["createdDateTime"]!);

        var stored = (await emulator.ControlUserAsync(Adele))["temporaryAccessPass"]!.AsObject();
        Assert.Equal(code, (string)stored["code"]!);
        Assert.Equal(id, (string)stored["id"]!);
        Assert.Equal(60, (int)stored["lifetimeInMinutes"]!);
        var start = DateTimeOffset.Parse((string)stored["startDateTime"]!, CultureInfo.InvariantCulture);
        Assert.InRange(start, before, DateTimeOffset.UtcNow);
        Assert.Equal(start.AddMinutes(60), DateTimeOffset.Parse((string)stored["expiresDateTime"]!, CultureInfo.InvariantCulture));

        var listed = Assert.Single(await ListAsync(AdeleId))!.AsObject();
        Assert.Equal(id, (string)listed["id"]!);
        Assert.True(listed.ContainsKey("temporaryAccessPass"));
        Assert.Null(listed["temporaryAccessPass"]);

        JsonObject one;
        using (var get = await emulator.GetAsync(PassesPath(Adele) + "/" + id, _token))
        {
            Assert.Equal(200, (int)get.StatusCode);
            one = await EmulatorFixture.ReadJsonAsync(get);
        }


        Assert.Null(one["temporaryAccessPass"]);
        Assert.EndsWith("/temporaryAccessPassMethods/$entity", (string)one["@odata.context"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(code, one.ToJsonString(), StringComparison.Ordinal);

        using (var unknown = await emulator.GetAsync(PassesPath(Adele) + "/" + Guid.NewGuid(), _token))
        {
            await EmulatorFixture.AssertErrorAsync(unknown, 404, "Request_ResourceNotFound");
        }

        Assert.Equal(204, await StatusAsync(HttpMethod.Delete, PassesPath(Adele) + "/" + id, null, _token));
        Assert.Empty(await ListAsync(Adele));
        Assert.Equal(404, await StatusAsync(HttpMethod.Delete, PassesPath(Adele) + "/" + id, null, _token));
        var after = await emulator.ControlUserAsync(Adele);
        Assert.Null(after["temporaryAccessPass"]);
        Assert.Equal(1, (int)after["temporaryAccessPassCreatedCount"]!);
    }

    [Fact]
    public async Task A_new_pass_replaces_the_old_one()
    {
        var first = await CreateAsync(Adele);
        var second = await CreateAsync(AdeleId, """{"lifetimeInMinutes":120}""");
        Assert.NotEqual((string)first["id"]!, (string)second["id"]!);
        Assert.NotEqual((string)first["temporaryAccessPass"]!, (string)second["temporaryAccessPass"]!);

        var listed = Assert.Single(await ListAsync(Adele))!.AsObject();
        Assert.Equal((string)second["id"]!, (string)listed["id"]!);
        Assert.Equal(404, await StatusAsync(HttpMethod.Get, PassesPath(Adele) + "/" + (string)first["id"]!, null, _token));

        var rows = await emulator.ControlArrayAsync("/_emulator/temporaryAccessPasses?issued=true");
        var row = Assert.Single(rows)!.AsObject();
        Assert.Equal(AdeleId, (string)row["id"]!);
        Assert.Equal(2, (int)row["createdCount"]!);
        Assert.Equal((string)second["temporaryAccessPass"]!, (string)row["temporaryAccessPass"]!["code"]!);
        Assert.Equal(120, (int)row["temporaryAccessPass"]!["lifetimeInMinutes"]!);
        Assert.Equal(42, (await emulator.ControlArrayAsync("/_emulator/temporaryAccessPasses")).Count);
    }

    [Fact]
    public async Task Given_start_lifetime_and_use_are_kept_and_a_future_start_is_not_yet_valid()
    {
        var created = await CreateAsync(Adele, """{"startDateTime":"2099-06-05T00:00:00.000Z","lifetimeInMinutes":480,"isUsableOnce":true}""");
        Assert.Equal("2099-06-05T00:00:00Z", (string)created["startDateTime"]!);
        Assert.Equal(480, (int)created["lifetimeInMinutes"]!);
        Assert.True((bool)created["isUsableOnce"]!);
        Assert.False((bool)created["isUsable"]!);
        Assert.Equal("NotYetValid", (string)created["methodUsabilityReason"]!);

        // Kiota writes offsets; an expired pass reads as Expired.
        var past = await CreateAsync(Adele, """{"startDateTime":"2020-01-01T02:00:00.0000000+02:00","lifetimeInMinutes":60}""");
        Assert.Equal("2020-01-01T00:00:00Z", (string)past["startDateTime"]!);
        Assert.Equal("Expired", (string)Assert.Single(await ListAsync(Adele))!["methodUsabilityReason"]!);
    }

    [Fact]
    public async Task The_policy_supplies_defaults_and_limits_and_refuses_when_disabled()
    {
        var policy = await SetPolicyAsync("""{"defaultLifetimeInMinutes":90,"minimumLifetimeInMinutes":30,"maximumLifetimeInMinutes":600,"defaultLength":12,"isUsableOnce":true}""");
        Assert.Equal("enabled", (string)policy["state"]!);
        Assert.Equal(12, (int)policy["defaultLength"]!);

        var created = await CreateAsync(Adele);
        Assert.Equal(12, ((string)created["temporaryAccessPass"]!).Length);
        Assert.Equal(90, (int)created["lifetimeInMinutes"]!);
        Assert.True((bool)created["isUsableOnce"]!);

        Assert.Contains("from 30 to 600", await RefusedAsync(Adele, """{"lifetimeInMinutes":29}"""), StringComparison.Ordinal);
        Assert.Contains("lifetimeInMinutes", await RefusedAsync(Adele, """{"lifetimeInMinutes":601}"""), StringComparison.Ordinal);
        Assert.Contains("one-time use", await RefusedAsync(Adele, """{"isUsableOnce":false}"""), StringComparison.Ordinal);
        Assert.Equal(30, (int)(await CreateAsync(Adele, """{"lifetimeInMinutes":30}"""))["lifetimeInMinutes"]!);

        await SetPolicyAsync("""{"state":"disabled"}""");
        Assert.Equal(
            "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].",
            await RefusedAsync(Adele, "{}"));
        var listed = Assert.Single(await ListAsync(Adele))!.AsObject();
        Assert.False((bool)listed["isUsable"]!);
        Assert.Equal("DisabledByPolicy", (string)listed["methodUsabilityReason"]!);
        Assert.Equal(2, (int)(await emulator.ControlUserAsync(Adele))["temporaryAccessPassCreatedCount"]!);

        // Graph's defaults again (E1): 60 / 60 / 480, multi-use allowed, length 8; a lifetime under 60 is refused.
        await emulator.ResetAsync();
        Assert.Contains("from 60 to 480", await RefusedAsync(Adele, """{"lifetimeInMinutes":10}"""), StringComparison.Ordinal);
        Assert.False((bool)(await CreateAsync(Adele, """{"isUsableOnce":false}"""))["isUsableOnce"]!);
    }

    [Fact]
    public async Task The_policy_control_validates_and_delete_or_reset_restore_the_defaults()
    {
        var defaults = await emulator.Client.GetFromJsonNodeAsync("/_emulator/tapPolicy");
        Assert.Equal(
            """{"state":"enabled","defaultLifetimeInMinutes":60,"minimumLifetimeInMinutes":60,"maximumLifetimeInMinutes":480,"isUsableOnce":false,"defaultLength":8}""",
            defaults.ToJsonString());

        foreach (var bad in new[]
        {
            """{"minimumLifetimeInMinutes":500}""", """{"defaultLifetimeInMinutes":9}""", """{"maximumLifetimeInMinutes":43201}""",
            """{"defaultLength":7}""", """{"defaultLength":49}""", """{"state":"off"}""", """{"colour":1}""", """{"isUsableOnce":"yes"}""",
        })
        {
            using var response = await emulator.Client.PostAsync("/_emulator/tapPolicy", EmulatorFixture.Json(bad));
            await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
        }

        Assert.Equal(48, (int)(await SetPolicyAsync("""{"defaultLength":48,"maximumLifetimeInMinutes":43200}"""))["defaultLength"]!);
        using (var delete = await emulator.Client.DeleteAsync("/_emulator/tapPolicy"))
        {
            Assert.Equal(204, (int)delete.StatusCode);
        }

        Assert.Equal(defaults.ToJsonString(), (await emulator.Client.GetFromJsonNodeAsync("/_emulator/tapPolicy")).ToJsonString());
        await SetPolicyAsync("""{"state":"disabled"}""");
        await emulator.ResetAsync();
        Assert.Equal(defaults.ToJsonString(), (await emulator.Client.GetFromJsonNodeAsync("/_emulator/tapPolicy")).ToJsonString());
    }

    [Fact]
    public async Task Permissions_are_checked_before_the_lookup()
    {
        var readOnly = await emulator.AppTokenAsync(["UserAuthenticationMethod.Read.All"]);
        var none = await emulator.AppTokenAsync(["User.Read.All", "User.ReadWrite.All"], PrivilegedAuthenticationAdministratorRole);
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Adele), "{}", none));
        Assert.Equal(403, await StatusAsync(HttpMethod.Get, PassesPath(Adele), null, none));
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath("nobody@M365x214355.onmicrosoft.com"), "{}", readOnly));
        Assert.Equal(404, await StatusAsync(HttpMethod.Post, PassesPath("nobody@M365x214355.onmicrosoft.com"), "{}", _token));
        Assert.Equal(200, await StatusAsync(HttpMethod.Get, PassesPath(Adele), null, readOnly));

        // UserAuthMethod-TAP.ReadWrite.All is listed as a higher permission of create and delete.
        var tapOnly = await emulator.AppTokenAsync(["UserAuthMethod-TAP.ReadWrite.All"]);
        var created = await CreateAsync(Adele, token: tapOnly);
        Assert.Equal(403, await StatusAsync(HttpMethod.Delete, PassesPath(Adele) + "/" + (string)created["id"]!, null, readOnly));
        Assert.Equal(204, await StatusAsync(HttpMethod.Delete, PassesPath(Adele) + "/" + (string)created["id"]!, null, tapOnly));
    }

    [Fact]
    public async Task Delegated_roles_decide_whose_pass_a_caller_may_manage()
    {
        const string scp = "UserAuthenticationMethod.ReadWrite.All";
        var authAdmin = await emulator.DelegatedTokenAsync(scp, null, AuthenticationAdministratorRole);
        Assert.Equal(201, await StatusAsync(HttpMethod.Post, PassesPath(Adele), "{}", authAdmin)); // a member
        Assert.Equal(201, await StatusAsync(HttpMethod.Post, PassesPath(PasswordAdmin), "{}", authAdmin)); // reset table: yes
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(UserAdmin), "{}", authAdmin));
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(HelpdeskAdmin), "{}", authAdmin));
        Assert.Equal(403, await StatusAsync(HttpMethod.Get, PassesPath(GlobalAdmin), null, authAdmin));

        var privileged = await emulator.DelegatedTokenAsync(scp, null, PrivilegedAuthenticationAdministratorRole);
        Assert.Equal(201, await StatusAsync(HttpMethod.Post, PassesPath(GlobalAdmin), "{}", privileged));
        var global = await emulator.DelegatedTokenAsync(scp, GlobalAdminId, GlobalAdministratorRole);
        Assert.Equal(201, await StatusAsync(HttpMethod.Post, PassesPath(PrivAuthAdmin), "{}", global));

        // Never on oneself; one's own pass may still be read and deleted.
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(GlobalAdmin), "{}", global));
        var own = Assert.Single(await ListAsync(GlobalAdmin, await emulator.DelegatedTokenAsync("UserAuthenticationMethod.Read", GlobalAdminId)))!;
        Assert.Equal(204, await StatusAsync(HttpMethod.Delete, PassesPath(GlobalAdmin) + "/" + (string)own["id"]!, null,
            await emulator.DelegatedTokenAsync("UserAuthenticationMethod.ReadWrite", GlobalAdminId)));
        Assert.Equal(403, await StatusAsync(HttpMethod.Get, PassesPath(Adele), null, await emulator.DelegatedTokenAsync("UserAuthenticationMethod.Read", GlobalAdminId)));

        // Other admin roles may not; Global Reader may read only; a token without a role may not.
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Alex), "{}", await emulator.DelegatedTokenAsync(scp, null, HelpdeskAdministratorRole)));
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Alex), "{}", await emulator.DelegatedTokenAsync(scp, null, UserAdministratorRole)));
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Alex), "{}", await emulator.DelegatedTokenAsync(scp, null)));
        var reader = await emulator.DelegatedTokenAsync("UserAuthenticationMethod.Read.All", null, GlobalReaderRole);
        Assert.Equal(200, await StatusAsync(HttpMethod.Get, PassesPath(GlobalAdmin), null, reader));
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Alex), "{}",
            await emulator.DelegatedTokenAsync(scp, null, GlobalReaderRole)));

        // App-only: the permission alone (Microsoft's role lists are for delegated calls).
        Assert.Equal(201, await StatusAsync(HttpMethod.Post, PassesPath(GlobalAdmin), "{}", _token));
    }

    [Fact]
    public async Task External_guests_and_malformed_bodies_are_400_after_authorization()
    {
        Assert.Equal("Temporary Access Pass cannot be added to an external guest user.", await RefusedAsync(Guest, "{}"));
        Assert.Contains("'lifetimeInMinutes'", await RefusedAsync(Adele, """{"lifetimeInMinutes":"60"}"""), StringComparison.Ordinal);
        Assert.Contains("'lifetimeInMinutes'", await RefusedAsync(Adele, """{"lifetimeInMinutes":60.5}"""), StringComparison.Ordinal);
        Assert.Contains("'isUsableOnce'", await RefusedAsync(Adele, """{"isUsableOnce":1}"""), StringComparison.Ordinal);
        Assert.Contains("'startDateTime'", await RefusedAsync(Adele, """{"startDateTime":"soon"}"""), StringComparison.Ordinal);
        Assert.Contains("'colour'", await RefusedAsync(Adele, """{"colour":"red"}"""), StringComparison.Ordinal);

        // Read-only members are ignored; a wrong @odata.type or a missing body is refused.
        var ignored = await CreateAsync(Alex, """{"id":"x","temporaryAccessPass":"mine","isUsable":false}""");
        Assert.NotEqual("x", (string)ignored["id"]!);
        Assert.NotEqual("mine", (string)ignored["temporaryAccessPass"]!);
        Assert.True((bool)ignored["isUsable"]!);
        Assert.Equal(400, await StatusAsync(HttpMethod.Post, PassesPath(Adele), """{"@odata.type":"#microsoft.graph.user"}""", _token));
        Assert.Equal(400, await StatusAsync(HttpMethod.Post, PassesPath(Adele), null, _token));

        var none = await emulator.AppTokenAsync(["User.Read.All"]);
        Assert.Equal(403, await StatusAsync(HttpMethod.Post, PassesPath(Adele), """{"colour":"red"}""", none));
        Assert.Equal(405, await StatusAsync(HttpMethod.Patch, PassesPath(Adele), "{}", _token));
        Assert.Equal(405, await StatusAsync(HttpMethod.Post, PassesPath(Adele) + "/x", "{}", _token));
        Assert.Equal(400, await StatusAsync(HttpMethod.Get, PassesPath(Adele) + "/$count", null, _token));
        Assert.Null((await emulator.ControlUserAsync(Adele))["temporaryAccessPass"]);
    }
}
