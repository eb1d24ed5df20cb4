using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class PasswordsRouteTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => emulator.ResetAsync();

    private static string Body(string password) =>
        new JsonObject { ["passwordProfile"] = new JsonObject { ["password"] = password, ["forceChangePasswordNextSignIn"] = true } }.ToJsonString();

    private async Task<List<JsonObject>> PasswordsAsync(string query = "")
    {
        using var response = await emulator.Client.GetAsync("/_emulator/passwords" + query);
        Assert.Equal(200, (int)response.StatusCode);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    [Fact]
    public async Task Bulk_read_shows_every_stored_password_and_how_often_it_changed()
    {
        var before = DateTimeOffset.UtcNow;
        foreach (var (key, password) in new[] { ("AdeleV", "First!Passw0rd"), ("AdeleV", "Second!Passw0rd"), ("AlexW", "Third!Passw0rd") })
        {
            using var response = await emulator.PatchAsync($"/v1.0/users/{key}%40M365x214355.onmicrosoft.com", Body(password));
            Assert.Equal(204, (int)response.StatusCode);
        }

        using (var refused = await emulator.PatchAsync("/v1.0/users/MeganB%40M365x214355.onmicrosoft.com", Body("weak")))
        {
            Assert.Equal(400, (int)refused.StatusCode); // a refused password is no change
        }

        var all = await PasswordsAsync();
        Assert.Equal(42, all.Count);
        Assert.All(all, row => Assert.Equal(["id", "userPrincipalName", "password", "changeCount", "lastChanged"], row.Select(p => p.Key)));

        var changed = (await PasswordsAsync("?changed=true")).ToDictionary(r => (string)r["userPrincipalName"]!);
        Assert.Equal(2, changed.Count);
        var adele = changed["AdeleV@M365x214355.onmicrosoft.com"];
        Assert.Equal("Second!Passw0rd", (string)adele["password"]!);
        Assert.Equal(2, (int)adele["changeCount"]!);
        Assert.Equal("87d349ed-44d7-43e1-9a83-5f2406dee5bd", (string)adele["id"]!);
        Assert.InRange(DateTimeOffset.Parse((string)adele["lastChanged"]!, CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow);
        Assert.Equal(1, (int)changed["AlexW@M365x214355.onmicrosoft.com"]["changeCount"]!);
        Assert.Null(all.Single(r => (string)r["userPrincipalName"]! == "MeganB@M365x214355.onmicrosoft.com")["lastChanged"]);

        using var unknown = await emulator.Client.GetAsync("/_emulator/passwords?tenantId=nowhere.example");
        Assert.Equal(404, (int)unknown.StatusCode);
    }
}
