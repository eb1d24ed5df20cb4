using System.Text.Json.Nodes;
using Xunit;
using static PasswordReset.Tests.Emulator.UserActionTestKit;

namespace PasswordReset.Tests.Emulator;

/// <summary>revokeSignInSessions and temporaryAccessPassMethods inside $batch, against the OpenAPI contract, throttled as writes.</summary>
public sealed class UserActionBatchTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        await emulator.ClearContractViolationsAsync();
        _token = await emulator.AppTokenAsync(
            ["User.Read.All", "User.RevokeSessions.All", "UserAuthenticationMethod.ReadWrite.All"], PrivilegedAuthenticationAdministratorRole);
    }

    public Task DisposeAsync() => emulator.ResetAsync();

    [Fact]
    public async Task Inner_requests_are_answered_and_logged_like_direct_ones()
    {
        var responses = await emulator.BatchAsync(_token,
            Step("1", "POST", $"/users/{AdeleId}/revokeSignInSessions", []),
            Step("2", "POST", "/users/" + Uri.EscapeDataString(Alex) + "/microsoft.graph.revokeSignInSessions", []),
            Step("3", "POST", $"/users/{AdeleId}/authentication/temporaryAccessPassMethods", new JsonObject { ["lifetimeInMinutes"] = 120 }),
            Step("4", "GET", "/users/" + Uri.EscapeDataString(Alex) + "/authentication/temporaryAccessPassMethods"),
            Step("5", "POST", "/users/nobody%40M365x214355.onmicrosoft.com/revokeSignInSessions", []));

        Assert.Equal(200, (int)responses["1"]["status"]!);
        Assert.True((bool)responses["1"]["body"]!["value"]!);
        Assert.Equal(200, (int)responses["2"]["status"]!);
        Assert.Equal(201, (int)responses["3"]["status"]!);
        var code = (string)responses["3"]["body"]!["temporaryAccessPass"]!;
        Assert.Equal(120, (int)responses["3"]["body"]!["lifetimeInMinutes"]!);
        Assert.Equal(200, (int)responses["4"]["status"]!);
        Assert.Empty(responses["4"]["body"]!["value"]!.AsArray());
        Assert.Equal(404, (int)responses["5"]["status"]!);
        Assert.All(responses.Values, r => Assert.Equal("1", (string)r["headers"]!["x-ms-resource-unit"]!));

        Assert.Equal(1, (int)(await emulator.ControlUserAsync(Adele))["signInSessionsRevokedCount"]!);
        Assert.Equal(1, (int)(await emulator.ControlUserAsync(Alex))["signInSessionsRevokedCount"]!);
        Assert.Equal(code, (string)(await emulator.ControlUserAsync(Adele))["temporaryAccessPass"]!["code"]!);

        var inner = (await emulator.RequestLogAsync()).Where(e => e["batchSequence"] is not null).ToDictionary(e => (string)e["batchRequestId"]!);
        Assert.Equal(AdeleId, (string)inner["1"]["key"]!);
        Assert.Equal(Alex, (string)inner["2"]["key"]!);
        Assert.Equal(AdeleId, (string)inner["3"]["key"]!);
        Assert.Equal(120, (int)inner["3"]["body"]!["lifetimeInMinutes"]!);
        Assert.Equal(201, (int)inner["3"]["status"]!);
        Assert.Equal("nobody@M365x214355.onmicrosoft.com", (string)inner["5"]["key"]!);
        Assert.Empty(await emulator.ContractViolationsAsync());
    }

    [Fact]
    public async Task A_revocation_step_needs_a_body_in_a_batch_as_every_post_does()
    {
        using var response = await emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch",
            BatchTests.Batch(Step("1", "POST", $"/users/{AdeleId}/revokeSignInSessions")), _token);
        Assert.Contains("does not contain Content-Type header or body", await EmulatorFixture.AssertErrorAsync(response, 400, "BadRequest"), StringComparison.Ordinal);
        Assert.Equal(0, (int)(await emulator.ControlUserAsync(Adele))["signInSessionsRevokedCount"]!);
    }

    [Fact]
    public async Task Both_apis_are_throttled_as_writes_and_their_reads_as_reads()
    {
        await emulator.ControlPostAsync("/_emulator/throttling", """{"enabled":true,"writesPer150Seconds":2}""");
        var responses = await emulator.BatchAsync(_token,
            Step("1", "POST", $"/users/{AdeleId}/revokeSignInSessions", []),
            Step("2", "POST", $"/users/{AlexId}/authentication/temporaryAccessPassMethods", []),
            Step("3", "POST", "/users/" + Uri.EscapeDataString(Megan) + "/revokeSignInSessions", []));
        Assert.Equal(2, responses.Values.Count(r => (int)r["status"]! is 200 or 201));
        var refused = Assert.Single(responses.Values, r => (int)r["status"]! == 429);
        Assert.Equal("WriteLimitExceeded", (string)refused["headers"]!["x-ms-throttle-information"]!);

        // Reads cost no write: a list still passes with the write bucket empty.
        using var list = await emulator.GetAsync(PassesPath(Adele), _token);
        Assert.Equal(200, (int)list.StatusCode);
        using var delete = await emulator.SendAsync(HttpMethod.Delete, PassesPath(Alex) + "/" + Guid.NewGuid(), token: _token);
        Assert.Equal(429, (int)delete.StatusCode);

        var revoked = (int)(await emulator.ControlUserAsync(Adele))["signInSessionsRevokedCount"]! + (int)(await emulator.ControlUserAsync(Megan))["signInSessionsRevokedCount"]!;
        var passes = (int)(await emulator.ControlUserAsync(Alex))["temporaryAccessPassCreatedCount"]!;
        Assert.Equal(2, revoked + passes); // a refused write is never applied
    }

    [Fact]
    public void The_contract_covers_both_apis_so_the_checks_would_see_a_wrong_answer()
    {
        var contract = GraphEmulator.OpenApiContract.Load(GraphEmulator.ContractFileLocator.Find(GraphEmulator.ContractFileLocator.OpenApiFile));
        var checker = new GraphEmulator.ContractChecker(contract, new GraphEmulator.ContractSchemas(contract));
        static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        var passes = $"/users/{AdeleId}/authentication/temporaryAccessPassMethods";

        Assert.Empty(checker.CheckResponse("POST", $"/users/{AdeleId}/revokeSignInSessions", 200, "application/json", Utf8("""{"@odata.context":"x","value":true}""")));
        Assert.NotEmpty(checker.CheckResponse("POST", $"/users/{AdeleId}/microsoft.graph.revokeSignInSessions", 200, "application/json", Utf8("""{"value":"yes"}""")));
        Assert.NotEmpty(checker.CheckResponse("POST", passes, 201, "application/json", Utf8("""{"id":"1","temporaryAccessPas":"x"}""")));
        Assert.NotEmpty(checker.CheckResponse("GET", passes, 200, "application/json", Utf8("""{"value":[{"lifetimeInMinutes":"60"}]}""")));
        Assert.NotEmpty(checker.CheckRequest("POST", passes, new Microsoft.AspNetCore.Http.QueryCollection(), Utf8("""{"lifetimeInMinute":60}""")));
        Assert.NotEmpty(checker.CheckRequest("PATCH", passes + "/1", new Microsoft.AspNetCore.Http.QueryCollection(), []));
    }

    [Fact]
    public async Task Every_answer_of_both_apis_fits_the_contract()
    {
        Assert.Equal(200, (int)(await emulator.PostAsync(RevokePath(Adele), null, _token)).StatusCode);
        Assert.Equal(200, (int)(await emulator.PostAsync($"/v1.0/users/{AdeleId}/microsoft.graph.revokeSignInSessions", "{}", _token)).StatusCode);
        using (var created = await emulator.PostAsync(PassesPath(Adele),
            """{"@odata.type":"#microsoft.graph.temporaryAccessPassAuthenticationMethod","startDateTime":"2099-01-01T00:00:00Z","lifetimeInMinutes":60,"isUsableOnce":true}""", _token))
        {
            Assert.Equal(201, (int)created.StatusCode);
            var id = (string)(await EmulatorFixture.ReadJsonAsync(created))["id"]!;
            Assert.Equal(200, (int)(await emulator.GetAsync(PassesPath(Adele) + "/" + id, _token)).StatusCode);
            Assert.Equal(200, (int)(await emulator.GetAsync(PassesPath(Adele), _token)).StatusCode);
            Assert.Equal(204, (int)(await emulator.SendAsync(HttpMethod.Delete, PassesPath(Adele) + "/" + id, token: _token)).StatusCode);
        }

        // Errors too: Graph's envelope.
        Assert.Equal(400, (int)(await emulator.PostAsync(PassesPath(Guest), "{}", _token)).StatusCode);
        Assert.Equal(404, (int)(await emulator.GetAsync(PassesPath(Adele) + "/" + Guid.NewGuid(), _token)).StatusCode);
        Assert.Equal(403, (int)(await emulator.PostAsync(RevokePath(Adele), null, emulator.Token)).StatusCode);
        await emulator.ControlPostAsync("/_emulator/tapPolicy", """{"state":"disabled"}""");
        Assert.Equal(400, (int)(await emulator.PostAsync(PassesPath(Adele), "{}", _token)).StatusCode);

        Assert.Empty(await emulator.ContractViolationsAsync());
    }
}
