using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class ControlSurfaceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => emulator.ResetAsync();

    private async Task<JsonArray> RequestsAsync()
    {
        using var response = await emulator.Client.GetAsync("/_emulator/requests");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    [Fact]
    public async Task Request_log_records_raw_path_and_redacts_passwords()
    {
        const string secret = "xWwvJ]6NMw+bWH-d";
        using (var patch = await emulator.SendAsync(
            HttpMethod.Patch,
            "/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com",
            $$"""{"@odata.type":"#microsoft.graph.user","passwordProfile":{"password":"{{secret}}","forceChangePasswordNextSignIn":true},"nested":[{"PassWord":"x"}]}""",
            configure: r => r.Headers.Add("client-request-id", "abc")))
        {
            // "nested" is no user property, but authorization comes first: the default token lacks
            // User.ReadWrite.All for it (and the guest's password lives elsewhere) → 403.
            Assert.Equal(403, (int)patch.StatusCode);
        }

        using (var get = await emulator.SendAsync(HttpMethod.Get, "/v1.0/users?%24filter=userType%20eq%20%27Guest%27", configure: r => r.Headers.Add("ConsistencyLevel", "eventual")))
        {
            Assert.Equal(200, (int)get.StatusCode);
        }

        var log = await RequestsAsync();
        Assert.Equal(2, log.Count);
        var first = log[0]!.AsObject();
        Assert.Equal("PATCH", (string)first["method"]!);
        Assert.Equal("/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com", (string)first["rawPath"]!);
        Assert.Equal("/v1.0/users/a_contoso.com#EXT#@M365x214355.onmicrosoft.com", (string)first["path"]!);
        Assert.Equal("a_contoso.com#EXT#@M365x214355.onmicrosoft.com", (string)first["key"]!);
        Assert.Equal("abc", (string)first["headers"]!["client-request-id"]!);
        Assert.True((bool)first["headers"]!["hasAuthorization"]!);
        Assert.Equal("***REDACTED***", (string)first["body"]!["passwordProfile"]!["password"]!);
        Assert.Equal("***REDACTED***", (string)first["body"]!["nested"]![0]!["PassWord"]!);
        Assert.Equal(403, (int)first["status"]!);
        Assert.DoesNotContain(secret, log.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Token, log.ToJsonString(), StringComparison.Ordinal);

        var second = log[1]!.AsObject();
        Assert.True((long)second["sequence"]! > (long)first["sequence"]!);
        Assert.Equal("%24filter=userType%20eq%20%27Guest%27", (string)second["query"]!);
        Assert.Equal("eventual", (string)second["headers"]!["ConsistencyLevel"]!);
        Assert.Null(second["key"]);
        Assert.Null(second["body"]);

        using var clear = await emulator.Client.DeleteAsync("/_emulator/requests");
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task Unauthenticated_requests_are_logged_too()
    {
        using (var response = await emulator.Client.GetAsync("/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com"))
        {
            Assert.Equal(401, (int)response.StatusCode);
        }

        var entry = (await RequestsAsync()).Single()!.AsObject();
        Assert.Equal(401, (int)entry["status"]!);
        Assert.False((bool)entry["headers"]!["hasAuthorization"]!);
        Assert.Equal("AdeleV@M365x214355.onmicrosoft.com", (string)entry["key"]!);
    }

    [Fact]
    public async Task Revoke_all_then_reset_restores_access()
    {
        using (var revoke = await emulator.Client.PostAsync("/_emulator/tokens/revoke", EmulatorFixture.Json("""{"all":true}""")))
        {
            Assert.Equal(204, (int)revoke.StatusCode);
        }

        using (var rejected = await emulator.GetAsync("/v1.0/users?$top=1"))
        {
            Assert.Equal(401, (int)rejected.StatusCode);
        }

        var fresh = await emulator.IssueTokenAsync();
        using (var ok = await emulator.GetAsync("/v1.0/users?$top=1", fresh))
        {
            Assert.Equal(200, (int)ok.StatusCode);
        }

        await emulator.ResetAsync();
        using var restored = await emulator.GetAsync("/v1.0/users?$top=1");
        Assert.Equal(200, (int)restored.StatusCode);
    }

    [Fact]
    public async Task Synthetic_users_can_be_added_and_reset_removes_them()
    {
        using (var add = await emulator.Client.PostAsync("/_emulator/users/synthetic", EmulatorFixture.Json("""{"count":3}""")))
        {
            Assert.Equal(45, (int)(await EmulatorFixture.ReadJsonAsync(add))["users"]!);
        }

        var user = await emulator.GetJsonAsync("/v1.0/users/synthetic00003%40M365x214355.onmicrosoft.com?$select=id,displayName,department,accountEnabled,userType,onPremisesSyncEnabled,mail");
        Assert.Equal("Synthetic User 00003", (string)user["displayName"]!);
        Assert.Equal("Operations", (string)user["department"]!);
        Assert.Equal("synthetic00003@M365x214355.onmicrosoft.com", (string)user["mail"]!);
        Assert.True((bool)user["accountEnabled"]!);
        Assert.Null(user["onPremisesSyncEnabled"]);

        var stored = await emulator.ControlUserAsync("synthetic00003@M365x214355.onmicrosoft.com");
        var seedKeys = (await emulator.ControlUserAsync("AdeleV@M365x214355.onmicrosoft.com")).Select(p => p.Key);
        Assert.Equal(seedKeys, stored.Select(p => p.Key));

        await emulator.ResetAsync();
        using var health = await emulator.Client.GetAsync("/_emulator/health");
        Assert.Equal(42, (int)(await EmulatorFixture.ReadJsonAsync(health))["users"]!);
    }
}
