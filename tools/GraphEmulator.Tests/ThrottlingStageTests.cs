using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>The throttling model wired into the pipeline (graph-facts §5, §6), over HTTP.</summary>
public sealed class ThrottlingStageTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    private const string AdelePath = "/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com";
    private const string Password = "xWwvJ]6NMw+bWH-d";

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => emulator.ResetAsync();

    private async Task<JsonObject> SetAsync(string json)
    {
        using var response = await emulator.Client.PostAsync("/_emulator/throttling", EmulatorFixture.Json(json));
        Assert.Equal(200, (int)response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    private static string PatchBody() =>
        new JsonObject { ["passwordProfile"] = new JsonObject { ["password"] = Password, ["forceChangePasswordNextSignIn"] = true } }.ToJsonString();

    [Fact]
    public async Task Off_by_default_yet_every_answer_carries_its_resource_units()
    {
        var state = await emulator.Client.GetFromJsonNodeAsync("/_emulator/throttling");
        Assert.False((bool)state["enabled"]!);
        Assert.Equal(3000, (int)state["writesPer150Seconds"]!);

        using (var list = await emulator.GetAsync("/v1.0/users?$top=5"))
        {
            Assert.Equal("1", list.Headers.GetValues("x-ms-resource-unit").Single()); // GET users 2, $top < 20 −1
        }

        using (var user = await emulator.GetAsync(AdelePath))
        {
            Assert.Equal("1", user.Headers.GetValues("x-ms-resource-unit").Single());
        }

        using (var full = await emulator.GetAsync("/v1.0/users"))
        {
            Assert.Equal("2", full.Headers.GetValues("x-ms-resource-unit").Single());
        }
    }

    [Fact]
    public async Task Writes_past_the_limit_get_429_with_the_throttle_headers_and_are_not_applied()
    {
        var set = await SetAsync("""{"enabled":true,"writesPer150Seconds":2}""");
        Assert.True((bool)set["enabled"]!);
        Assert.Equal(0, (long)set["counters"]!["throttled"]!);

        using var response = await emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", BatchTests.Batch(
            BatchTests.Patch("1", "/users/" + AdeleId),
            BatchTests.Patch("2", "/users/AlexW%40M365x214355.onmicrosoft.com"),
            BatchTests.Patch("3", "/users/MeganB%40M365x214355.onmicrosoft.com"),
            BatchTests.Patch("4", "/users/DiegoS%40M365x214355.onmicrosoft.com")));
        Assert.Equal(200, (int)response.StatusCode);
        var responses = (await EmulatorFixture.ReadJsonAsync(response))["responses"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(2, responses.Count(r => (int)r["status"]! == 204));
        var refused = responses.Where(r => (int)r["status"]! == 429).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r =>
        {
            var headers = r["headers"]!.AsObject();
            Assert.True(double.Parse((string)headers["Retry-After"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Equal("WriteLimitExceeded", (string)headers["x-ms-throttle-information"]!);
            Assert.StartsWith("Tenant_Application/Write/", (string)headers["x-ms-throttle-scope"]!, StringComparison.Ordinal);
            Assert.Equal("1", (string)headers["x-ms-resource-unit"]!);
            Assert.Equal("TooManyRequests", (string)r["body"]!["error"]!["code"]!);
        });
        Assert.All(responses, r => Assert.NotNull(r["headers"]!["x-ms-resource-unit"]));

        // Refused writes were not applied: two users changed, two did not.
        var counts = new List<int>();
        foreach (var key in new[] { "AdeleV", "AlexW", "MeganB", "DiegoS" })
        {
            counts.Add((int)(await emulator.ControlUserAsync(key + "@M365x214355.onmicrosoft.com"))["passwordResetCount"]!);
        }

        Assert.Equal(2, counts.Sum());

        // A direct write is refused the same way; reads are not writes.
        using (var direct = await emulator.PatchAsync(AdelePath, PatchBody()))
        {
            await EmulatorFixture.AssertErrorAsync(direct, 429, "TooManyRequests");
            Assert.Single(direct.Headers.GetValues("Retry-After")); // fractional: .NET's typed RetryAfter is null for it
            var percentage = double.Parse(direct.Headers.GetValues("x-ms-throttle-limit-percentage").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(percentage, 1.0, 1.8); // graph-facts §6: throttling starts at 1.0
        }

        using (var read = await emulator.GetAsync(AdelePath))
        {
            Assert.Equal(200, (int)read.StatusCode);
        }

        var counters = (await emulator.Client.GetFromJsonNodeAsync("/_emulator/throttling"))["counters"]!;
        Assert.Equal(3, (long)counters["throttled"]!);
        Assert.Equal(3, (long)counters["writeLimitRefusals"]!);

        // Reset: start-up limits (off) and full buckets.
        await emulator.ResetAsync();
        Assert.False((bool)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/throttling"))["enabled"]!);
        using var afterReset = await emulator.PatchAsync(AdelePath, PatchBody());
        Assert.Equal(204, (int)afterReset.StatusCode);
    }

    [Fact]
    public async Task Limits_are_validated_and_delete_turns_the_model_off()
    {
        foreach (var bad in new[] { """{"enabled":true,"timeScale":0}""", """{"enabled":true,"writesPer150Seconds":0}""", """{"enabled":"yes"}""" })
        {
            using var response = await emulator.Client.PostAsync("/_emulator/throttling", EmulatorFixture.Json(bad));
            Assert.Equal(400, (int)response.StatusCode);
        }

        var set = await SetAsync("""{"enabled":true,"timeScale":5,"resourceUnitsPer10Seconds":100}""");
        Assert.Equal(5, (double)set["timeScale"]!);
        Assert.Equal(100, (int)set["resourceUnitsPer10Seconds"]!);
        using (var cleared = await emulator.Client.DeleteAsync("/_emulator/throttling"))
        {
            Assert.Equal(204, (int)cleared.StatusCode);
        }

        Assert.False((bool)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/throttling"))["enabled"]!);
    }
}
