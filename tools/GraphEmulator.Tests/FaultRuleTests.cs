using System.Text.Json.Nodes;
using Xunit;
using static PasswordReset.Tests.Emulator.UserActionTestKit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Fault rules: faults aimed at chosen users' requests (POST /_emulator/faults "rules"), over HTTP.</summary>
public sealed class FaultRuleTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        _token = await emulator.AppTokenAsync(
            ["User.Read.All", "User-PasswordProfile.ReadWrite.All", "User.RevokeSessions.All", "UserAuthenticationMethod.ReadWrite.All"],
            PrivilegedAuthenticationAdministratorRole);
    }

    public Task DisposeAsync() => emulator.ResetAsync();

    private Task<JsonObject> SetRulesAsync(string rules) => emulator.ControlPostAsync("/_emulator/faults", $$"""{"retryAfterSeconds":1.5,"rules":{{rules}}}""");

    private async Task<int> CountAsync(string key, string member) => (int)(await emulator.ControlUserAsync(key))[member]!;

    [Fact]
    public async Task A_rule_fails_the_listed_users_revocations_only_however_they_are_named()
    {
        var set = await SetRulesAsync($$"""[{"fault":"503","operation":"revokeSignInSessions","users":["{{Adele}}","{{AlexId}}"]}]""");
        Assert.Equal("503", (string)set["rules"]![0]!["fault"]!);

        var responses = await emulator.BatchAsync(_token,
            Step("adele", "POST", $"/users/{AdeleId}/revokeSignInSessions", []),
            Step("alex", "POST", "/users/" + Uri.EscapeDataString(Alex) + "/revokeSignInSessions", []),
            Step("megan", "POST", "/users/" + Uri.EscapeDataString(Megan) + "/revokeSignInSessions", []),
            BatchTests.Patch("reset", $"/users/{AdeleId}"));
        Assert.Equal(503, (int)responses["adele"]["status"]!);
        Assert.Equal("serviceNotAvailable", (string)responses["adele"]["body"]!["error"]!["code"]!);
        Assert.Equal("1.5", (string)responses["adele"]["headers"]!["Retry-After"]!);
        Assert.Equal(503, (int)responses["alex"]["status"]!);
        Assert.Equal(200, (int)responses["megan"]["status"]!);
        Assert.Equal(204, (int)responses["reset"]["status"]!); // another operation of the same user

        Assert.Equal(0, await CountAsync(Adele, "signInSessionsRevokedCount"));
        Assert.Equal(1, await CountAsync(Megan, "signInSessionsRevokedCount"));
        var faults = (await emulator.RequestLogAsync()).Where(e => e["batchSequence"] is not null)
            .ToDictionary(e => (string)e["batchRequestId"]!, e => (string?)e["fault"]);
        Assert.Equal("503", faults["adele"]);
        Assert.Null(faults["megan"]);

        // A direct request is hit the same way; every time, as no "times" was given.
        using var direct = await emulator.PostAsync(RevokePath(AdeleId), null, _token);
        Assert.Equal(503, (int)direct.StatusCode);
    }

    [Fact]
    public async Task A_403_rule_with_times_lets_the_later_requests_through()
    {
        await SetRulesAsync($$"""[{"fault":"403","method":"POST","operation":"revokeSignInSessions","users":["{{Adele}}"],"times":1}]""");
        using (var refused = await emulator.PostAsync(RevokePath(Adele), null, _token))
        {
            Assert.Equal(Denied, await EmulatorFixture.AssertErrorAsync(refused, 403, "Authorization_RequestDenied"));
        }

        using (var again = await emulator.PostAsync(RevokePath(AdeleId), null, _token))
        {
            Assert.Equal(200, (int)again.StatusCode); // the same user by id: one hit was all
        }

        // Setting the faults again forgets the hits.
        await SetRulesAsync($$"""[{"fault":"403","operation":"revokeSignInSessions","users":["{{Adele}}"],"times":1}]""");
        using var third = await emulator.PostAsync(RevokePath(Adele), null, _token);
        Assert.Equal(403, (int)third.StatusCode);
    }

    [Fact]
    public async Task A_lost_answer_after_a_pass_was_created_keeps_the_pass_and_a_retry_replaces_it()
    {
        await SetRulesAsync($$"""[{"fault":"lostAnswer","method":"POST","operation":"temporaryAccessPassMethods","users":["{{Adele}}"],"times":1}]""");
        var batch = BatchTests.Batch(
            Step("adele", "POST", $"/users/{AdeleId}/authentication/temporaryAccessPassMethods", []),
            Step("alex", "POST", $"/users/{AlexId}/authentication/temporaryAccessPassMethods", []));
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", batch, _token));
        Assert.Equal(1, await CountAsync(Adele, "temporaryAccessPassCreatedCount"));
        Assert.Equal(1, await CountAsync(Alex, "temporaryAccessPassCreatedCount"));
        var outer = (await emulator.RequestLogAsync("?method=POST")).Single(e => e["batchSequence"] is null);
        Assert.Equal("lostAnswer", (string)outer["fault"]!);

        using var retry = await emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", batch, _token);
        Assert.Equal(200, (int)retry.StatusCode);
        var answers = (await EmulatorFixture.ReadJsonAsync(retry))["responses"]!.AsArray().ToDictionary(r => (string)r!["id"]!);
        var stored = (await emulator.ControlUserAsync(Adele))["temporaryAccessPass"]!;
        Assert.Equal((string)answers["adele"]!["body"]!["temporaryAccessPass"]!, (string)stored["code"]!);
        Assert.Equal(2, await CountAsync(Adele, "temporaryAccessPassCreatedCount"));
    }

    [Fact]
    public async Task Drop_and_504_after_apply_rules_hit_direct_requests()
    {
        await SetRulesAsync($$"""
            [{"fault":"drop","operation":"temporaryAccessPassMethods","users":["{{Adele}}"]},
             {"fault":"504AfterApply","operation":"revokeSignInSessions"}]
            """);
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostAsync(PassesPath(Adele), "{}", _token));
        Assert.Equal(0, await CountAsync(Adele, "temporaryAccessPassCreatedCount"));
        using (var other = await emulator.PostAsync(PassesPath(Alex), "{}", _token))
        {
            Assert.Equal(201, (int)other.StatusCode);
        }

        // No users: every user's revocation is applied, then answered 504.
        using (var timeout = await emulator.PostAsync(RevokePath(Megan), null, _token))
        {
            await EmulatorFixture.AssertErrorAsync(timeout, 504, "gatewayTimeout");
        }

        Assert.Equal(1, await CountAsync(Megan, "signInSessionsRevokedCount"));
        var log = await emulator.RequestLogAsync();
        Assert.Equal(["drop", null, "504AfterApply"], log.Select(e => (string?)e["fault"]));
        Assert.Null(log[0]["status"]);
    }

    [Fact]
    public async Task Rules_are_validated_shown_and_forgotten_on_delete_and_reset()
    {
        var shown = await SetRulesAsync("""[{"fault":503,"method":"post","operation":"RevokeSignInSessions","users":["b@x","A@x"],"times":2}]""");
        Assert.Equal(
            """{"fault":"503","method":"POST","operation":"revokeSignInSessions","users":["A@x","b@x"],"times":2}""",
            shown["rules"]![0]!.ToJsonString());
        Assert.Equal(shown.ToJsonString(), (await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults")).ToJsonString());

        foreach (var bad in new[]
        {
            """[{"fault":"500"}]""", """[{"fault":"hang"}]""", """[{"fault":"503","times":0}]""", """[{"fault":"503","operation":"users"}]""",
            """[{"fault":"503","method":"HEAD"}]""", """[{"fault":"503","users":"a@x"}]""", """[{"fault":"503","users":[""]}]""",
            """[{"fault":"503","colour":1}]""", """{"fault":"503"}""", """[3]""",
        })
        {
            using var response = await emulator.Client.PostAsync("/_emulator/faults", EmulatorFixture.Json($$"""{"rules":{{bad}}}"""));
            await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
        }

        using (var delete = await emulator.Client.DeleteAsync("/_emulator/faults"))
        {
            Assert.Equal(204, (int)delete.StatusCode);
        }

        Assert.Empty((await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults"))["rules"]!.AsArray());
        await SetRulesAsync("""[{"fault":"403"}]""");
        await emulator.ResetAsync();
        Assert.Empty((await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults"))["rules"]!.AsArray());
    }
}
