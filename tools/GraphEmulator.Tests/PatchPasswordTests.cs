using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class PatchPasswordTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Adele = "AdeleV@M365x214355.onmicrosoft.com";
    private const string AdelePath = "/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com";
    private const string Synced = "kakers@M365x214355.onmicrosoft.com";
    private const string GoodPassword = "xWwvJ]6NMw+bWH-d"; // the user-update doc's example

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Body(string password, bool force = true) => new JsonObject
    {
        ["@odata.type"] = "#microsoft.graph.user",
        ["passwordProfile"] = new JsonObject { ["forceChangePasswordNextSignIn"] = force, ["password"] = password },
    }.ToJsonString();

    [Fact]
    public async Task Good_password_is_204_without_body_and_stored()
    {
        using var response = await emulator.PatchAsync(AdelePath, Body(GoodPassword));
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var stored = await emulator.ControlUserAsync(Adele);
        Assert.Equal(GoodPassword, (string)stored["passwordProfile"]!["password"]!);
        Assert.True((bool)stored["passwordProfile"]!["forceChangePasswordNextSignIn"]!);
        Assert.False((bool)stored["passwordProfile"]!["forceChangePasswordNextSignInWithMfa"]!);
        Assert.Equal(1, (int)stored["passwordResetCount"]!);
        var changed = DateTimeOffset.Parse((string)stored["lastPasswordChangeDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.UtcNow - changed < TimeSpan.FromMinutes(1));

        // Never returned by Graph reads.
        var read = await emulator.GetJsonAsync(AdelePath + "?$select=passwordProfile,lastPasswordChangeDateTime");
        Assert.Null(read["passwordProfile"]);
    }

    [Theory]
    [InlineData("Sh0rt!")] // too short
    [InlineData("alllowercaseletters")] // one category
    [InlineData("lowercase123")] // two categories
    [InlineData("Pässword123!")] // non-ASCII
    [InlineData("Tab\there123")] // not an allowed character
    [InlineData("Password123!")] // banned (default list)
    [InlineData("pASSWORD123!")] // banned, case-insensitive
    public async Task Weak_or_banned_password_is_400_and_nothing_changes(string password)
    {
        using var response = await emulator.PatchAsync(AdelePath, Body(password));
        var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
        Assert.Equal("The specified password does not comply with password complexity requirements. Please provide a different password.", message);
        var stored = await emulator.ControlUserAsync(Adele);
        Assert.Null(stored["passwordProfile"]!["password"]);
        Assert.Equal(0, (int)stored["passwordResetCount"]!);
    }

    [Fact]
    public async Task Three_of_four_categories_and_space_are_enough()
    {
        // lower case + digit + blank space (listed among the symbols, graph-facts §8) = 3 categories.
        using var response = await emulator.PatchAsync(AdelePath, Body("correct horse battery 9"));
        Assert.Equal(204, (int)response.StatusCode);
    }

    [Fact]
    public async Task Banned_list_can_be_replaced()
    {
        using (var settings = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json("""{"bannedPasswords":["xWwvJ]6NMw+bWH-d"]}""")))
        {
            Assert.Equal(204, (int)settings.StatusCode);
        }

        using (var banned = await emulator.PatchAsync(AdelePath, Body(GoodPassword)))
        {
            await EmulatorFixture.AssertErrorAsync(banned, 400, "Request_BadRequest");
        }

        using var formerlyBanned = await emulator.PatchAsync(AdelePath, Body("Password123!"));
        Assert.Equal(204, (int)formerlyBanned.StatusCode);
    }

    [Fact]
    public async Task Disable_strong_password_skips_only_the_category_rule()
    {
        using (var weak = await emulator.PatchAsync(AdelePath, """{"passwordPolicies":"DisablePasswordExpiration, DisableStrongPassword","passwordProfile":{"password":"alllowercase"}}""", emulator.WriteToken))
        {
            Assert.Equal(204, (int)weak.StatusCode);
        }

        using var tooShort = await emulator.PatchAsync(AdelePath, """{"passwordProfile":{"password":"short"}}""", emulator.WriteToken);
        Assert.Equal(400, (int)tooShort.StatusCode);
    }

    [Fact]
    public async Task Password_profile_without_password_changes_nothing()
    {
        using (var set = await emulator.PatchAsync(AdelePath, Body(GoodPassword, force: false)))
        {
            Assert.Equal(204, (int)set.StatusCode);
        }

        using var response = await emulator.PatchAsync(AdelePath, """{"passwordProfile":{"forceChangePasswordNextSignIn":true,"forceChangePasswordNextSignInWithMfa":true}}""");
        Assert.Equal(204, (int)response.StatusCode);
        var stored = await emulator.ControlUserAsync(Adele);
        Assert.Equal(GoodPassword, (string)stored["passwordProfile"]!["password"]!);
        Assert.False((bool)stored["passwordProfile"]!["forceChangePasswordNextSignIn"]!);
        Assert.False((bool)stored["passwordProfile"]!["forceChangePasswordNextSignInWithMfa"]!);
        Assert.Equal(1, (int)stored["passwordResetCount"]!);
    }

    [Fact]
    public async Task Synced_user_needs_password_writeback()
    {
        using (var off = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json("""{"passwordWriteback":false}""")))
        {
            Assert.Equal(204, (int)off.StatusCode);
        }

        using (var refused = await emulator.PatchAsync("/v1.0/users/kakers%40M365x214355.onmicrosoft.com", Body(GoodPassword)))
        {
            var message = await EmulatorFixture.AssertErrorAsync(refused, 400, "Request_BadRequest");
            Assert.Equal("Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.", message);
        }

        // Cloud users are unaffected by writeback.
        using (var cloud = await emulator.PatchAsync(AdelePath, Body(GoodPassword)))
        {
            Assert.Equal(204, (int)cloud.StatusCode);
        }

        using (var on = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json("""{"passwordWriteback":true}""")))
        {
            Assert.Equal(204, (int)on.StatusCode);
        }

        using var accepted = await emulator.PatchAsync("/v1.0/users(userPrincipalName='kakers%40M365x214355.onmicrosoft.com')", Body(GoodPassword));
        Assert.Equal(204, (int)accepted.StatusCode);
        Assert.Equal(GoodPassword, (string)(await emulator.ControlUserAsync(Synced))["passwordProfile"]!["password"]!);
    }

    [Fact]
    public async Task Unknown_read_only_and_mistyped_properties_are_400()
    {
        using (var unknown = await emulator.PatchAsync(AdelePath, """{"favouriteColour":"blue"}""", emulator.WriteToken))
        {
            Assert.Equal("Property 'favouriteColour' does not exist on type 'microsoft.graph.user'.", await EmulatorFixture.AssertErrorAsync(unknown, 400, "Request_BadRequest"));
        }

        using (var readOnly = await emulator.PatchAsync(AdelePath, """{"id":"00000000-0000-0000-0000-000000000000"}""", emulator.WriteToken))
        {
            await EmulatorFixture.AssertErrorAsync(readOnly, 400, "Request_BadRequest");
        }

        using (var mistyped = await emulator.PatchAsync(AdelePath, """{"accountEnabled":"yes"}""", emulator.WriteToken))
        {
            await EmulatorFixture.AssertErrorAsync(mistyped, 400, "Request_BadRequest");
        }

        using (var notJson = await emulator.PatchAsync(AdelePath, "not json"))
        {
            await EmulatorFixture.AssertErrorAsync(notJson, 400, "BadRequest");
        }

        using var missing = await emulator.PatchAsync("/v1.0/users/nobody%40nowhere", Body(GoodPassword));
        await EmulatorFixture.AssertErrorAsync(missing, 404, "Request_ResourceNotFound");
    }

    [Fact]
    public async Task Writable_properties_are_stored()
    {
        using var response = await emulator.PatchAsync(AdelePath, """{"jobTitle":"Head of Tests","accountEnabled":false,"businessPhones":["+1 555 0100"]}""", emulator.WriteToken);
        Assert.Equal(204, (int)response.StatusCode);
        var read = await emulator.GetJsonAsync(AdelePath + "?$select=jobTitle,accountEnabled,businessPhones");
        Assert.Equal("Head of Tests", (string)read["jobTitle"]!);
        Assert.False((bool)read["accountEnabled"]!);
        Assert.Equal("+1 555 0100", (string)read["businessPhones"]![0]!);
    }

    [Fact]
    public async Task Concurrent_resets_are_all_counted()
    {
        var patches = Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await emulator.PatchAsync(AdelePath, Body($"Concurrent-{i:D2}-Pw"));
            Assert.Equal(204, (int)response.StatusCode);
        });
        var reads = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await emulator.GetAsync("/v1.0/users?$top=999&$filter=" + Uri.EscapeDataString("startswith(displayName,'A')"));
            Assert.Equal(200, (int)response.StatusCode);
        });
        await Task.WhenAll(patches.Concat(reads));
        Assert.Equal(40, (int)(await emulator.ControlUserAsync(Adele))["passwordResetCount"]!);
    }
}
