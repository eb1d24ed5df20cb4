using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>POST /v1.0/$batch against graph-facts §5, over HTTP.</summary>
public sealed class BatchTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Adele = "AdeleV@M365x214355.onmicrosoft.com";
    private const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    private const string GuestId = "cc6f6567-3cb6-4e7a-b850-3d0e2de37026";
    private const string Password = "xWwvJ]6NMw+bWH-d";

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    internal static JsonObject Patch(string id, string url, string password = Password) => new()
    {
        ["id"] = id,
        ["method"] = "PATCH",
        ["url"] = url,
        ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        ["body"] = new JsonObject { ["passwordProfile"] = new JsonObject { ["password"] = password, ["forceChangePasswordNextSignIn"] = true } },
    };

    internal static JsonObject Get(string id, string url) => new() { ["id"] = id, ["method"] = "GET", ["url"] = url };

    internal static string Batch(params JsonObject[] requests) =>
        new JsonObject { ["requests"] = new JsonArray([.. requests.Select(r => r.DeepClone())]) }.ToJsonString();

    private Task<HttpResponseMessage> PostAsync(string body, string? token = null, bool withToken = true) =>
        emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", body, token, r =>
        {
            if (!withToken)
            {
                r.Headers.Authorization = null;
            }
        });

    private async Task<Dictionary<string, JsonObject>> ResponsesAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(response);
        return body["responses"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["id"]!);
    }

    private async Task<List<JsonObject>> LogAsync(string query = "")
    {
        using var response = await emulator.Client.GetAsync("/_emulator/requests" + query);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    [Fact]
    public async Task Mixed_batch_answers_each_request_on_its_own_inside_an_outer_200()
    {
        using var response = await PostAsync(Batch(
            Get("1", "/users/AdeleV%40M365x214355.onmicrosoft.com?$select=id,displayName"),
            Patch("2", "/users/" + AdeleId),
            Get("3", "users?$top=2"), // relative without a leading slash, as in the documented example
            Get("4", "/users/nobody%40M365x214355.onmicrosoft.com")));
        var responses = await ResponsesAsync(response);
        Assert.Equal(["1", "2", "3", "4"], responses.Keys.Order());

        var get = responses["1"];
        Assert.Equal(200, (int)get["status"]!);
        Assert.Equal(AdeleId, (string)get["body"]!["id"]!);
        Assert.StartsWith("application/json", (string)get["headers"]!["Content-Type"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)get["headers"]!["request-id"]));

        var patch = responses["2"];
        Assert.Equal(204, (int)patch["status"]!);
        Assert.False(patch.ContainsKey("body")); // a 204 has no body
        Assert.Null(patch["headers"]!["Content-Type"]);
        Assert.Equal(Password, (string)(await emulator.ControlUserAsync(Adele))["passwordProfile"]!["password"]!);

        Assert.Equal(2, responses["3"]["body"]!["value"]!.AsArray().Count);
        Assert.Equal(404, (int)responses["4"]["status"]!);
        Assert.Equal("Request_ResourceNotFound", (string)responses["4"]["body"]!["error"]!["code"]!);

        // Each inner request has its own request-id, different from the outer one.
        var outerId = response.Headers.GetValues("request-id").Single();
        Assert.Equal(5, responses.Values.Select(r => (string)r["headers"]!["request-id"]!).Append(outerId).Distinct().Count());
    }

    [Fact]
    public async Task Inner_requests_are_logged_like_direct_ones_and_linked_to_the_outer_entry()
    {
        using (var response = await PostAsync(Batch(Patch("a", "/users/AdeleV%40M365x214355.onmicrosoft.com"), Get("b", "/users/" + AdeleId))))
        {
            await ResponsesAsync(response);
        }

        var log = await LogAsync();
        Assert.Equal(3, log.Count);
        var outer = log.Single(e => (string)e["path"]! == "/v1.0/$batch");
        Assert.Equal("POST", (string)outer["method"]!);
        Assert.Equal(200, (int)outer["status"]!);
        Assert.Null(outer["batchSequence"]);
        Assert.Equal("***REDACTED***", (string)outer["body"]!["requests"]![0]!["body"]!["passwordProfile"]!["password"]!);

        var patch = (await LogAsync("?method=PATCH")).Single();
        Assert.Equal("/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com", (string)patch["rawPath"]!);
        Assert.Equal("/v1.0/users/" + Adele, (string)patch["path"]!);
        Assert.Equal(Adele, (string)patch["key"]!);
        Assert.Equal(204, (int)patch["status"]!);
        Assert.Equal("***REDACTED***", (string)patch["body"]!["passwordProfile"]!["password"]!);
        Assert.Equal("application/json", (string)patch["headers"]!["Content-Type"]!);
        Assert.True((bool)patch["headers"]!["hasAuthorization"]!);
        Assert.Equal((long)outer["sequence"]!, (long)patch["batchSequence"]!);
        Assert.Equal("a", (string)patch["batchRequestId"]!);
        Assert.True((long)patch["sequence"]! > (long)outer["sequence"]!);
        Assert.DoesNotContain(Password, log.Select(e => e.ToJsonString()).Aggregate(string.Concat), StringComparison.Ordinal);

        // ?since= keeps later entries only.
        Assert.Equal(2, (await LogAsync($"?since={(long)outer["sequence"]!}")).Count);
    }

    [Theory]
    [InlineData("a", "A")]
    [InlineData("1", "1")]
    public async Task Duplicate_ids_compared_without_case_fail_the_whole_batch(string first, string second)
    {
        using var response = await PostAsync(Batch(Patch(first, "/users/" + AdeleId), Get(second, "/users/" + AdeleId)));
        await EmulatorFixture.AssertErrorAsync(response, 400, "BadRequest");
        Assert.Equal(0, (int)(await emulator.ControlUserAsync(Adele))["passwordResetCount"]!);
        Assert.Single(await LogAsync()); // the outer request only: nothing ran
    }

    [Fact]
    public async Task At_most_20_requests()
    {
        var twenty = Enumerable.Range(1, 20).Select(i => Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "/users/" + AdeleId)).ToArray();
        using (var ok = await PostAsync(Batch(twenty)))
        {
            Assert.Equal(20, (await ResponsesAsync(ok)).Count);
        }

        using var tooMany = await PostAsync(Batch([.. twenty, Get("21", "/users/" + AdeleId)]));
        await EmulatorFixture.AssertErrorAsync(tooMany, 400, "BadRequest");
    }

    [Fact]
    public async Task A_body_needs_a_Content_Type_header_and_a_write_needs_a_body()
    {
        var noContentType = Patch("1", "/users/" + AdeleId);
        noContentType.Remove("headers");
        using (var response = await PostAsync(Batch(noContentType)))
        {
            var message = await EmulatorFixture.AssertErrorAsync(response, 400, "BadRequest");
            Assert.Equal("Write request id : 1 does not contain Content-Type header or body.", message);
        }

        var noBody = Patch("2", "/users/" + AdeleId);
        noBody.Remove("body");
        using (var response = await PostAsync(Batch(noBody)))
        {
            await EmulatorFixture.AssertErrorAsync(response, 400, "BadRequest");
        }

        Assert.Equal(0, (int)(await emulator.ControlUserAsync(Adele))["passwordResetCount"]!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"value":[]}""")]
    [InlineData("""{"requests":[]}""")]
    [InlineData("""{"requests":[{"id":"1","url":"/users"}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"GET"}]}""")]
    [InlineData("""{"requests":[{"method":"GET","url":"/users"}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"https://graph.microsoft.com/v1.0/users"}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":["2"]}]}""")]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":["2"]},{"id":"2","method":"GET","url":"/users","dependsOn":["1"]}]}""")]
    public async Task Malformed_batches_are_400(string body)
    {
        using var response = await PostAsync(body);
        await EmulatorFixture.AssertErrorAsync(response, 400, "BadRequest");
    }

    [Fact]
    public async Task DependsOn_runs_in_order_and_dependants_of_a_failure_get_424()
    {
        var first = Patch("1", "/users/" + AdeleId);
        var second = Get("2", "/users/" + AdeleId + "?$select=id");
        second["dependsOn"] = new JsonArray("1");
        var failing = Get("3", "/users/nobody%40M365x214355.onmicrosoft.com");
        var dependant = Patch("4", "/users/" + AdeleId, "Another!Passw0rd");
        dependant["dependsOn"] = new JsonArray("3");
        var transitive = Get("5", "/users/" + AdeleId);
        transitive["dependsOn"] = new JsonArray("4");

        using var response = await PostAsync(Batch(first, second, failing, dependant, transitive));
        var responses = await ResponsesAsync(response);
        Assert.Equal(204, (int)responses["1"]["status"]!);
        Assert.Equal(200, (int)responses["2"]["status"]!);
        Assert.Equal(404, (int)responses["3"]["status"]!);
        Assert.Equal(424, (int)responses["4"]["status"]!);
        Assert.Equal(424, (int)responses["5"]["status"]!);
        Assert.Equal(Password, (string)(await emulator.ControlUserAsync(Adele))["passwordProfile"]!["password"]!);

        // The dependant started after its dependency was answered; requests that never ran are not logged.
        var log = await LogAsync();
        var patch = log.Single(e => (string?)e["batchRequestId"] == "1");
        var get = log.Single(e => (string?)e["batchRequestId"] == "2");
        Assert.True((long)get["sequence"]! > (long)patch["sequence"]!);
        Assert.DoesNotContain(log, e => (string?)e["batchRequestId"] is "4" or "5");
    }

    [Fact]
    public async Task A_bad_token_fails_the_whole_batch_and_permissions_are_judged_per_inner_request()
    {
        // No token, or an expired one: one 401 for the batch, nothing runs (msgraph-sdk-dotnet#2660: no inner answers).
        var expired = await emulator.IssueTokenAsync("""{"lifetimeSeconds":-300}""");
        foreach (var token in new[] { null, expired })
        {
            using var response = await PostAsync(Batch(Get("1", "/users/" + AdeleId)), token, withToken: token is not null);
            await EmulatorFixture.AssertErrorAsync(response, 401, "InvalidAuthenticationToken");
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var log = await LogAsync();
        Assert.Equal(2, log.Count); // the two outer requests only
        Assert.All(log, e => Assert.Equal(401, (int)e["status"]!));

        // A token without the password permission: each write is judged on its own (403), reads still work.
        var reader = await emulator.IssueTokenAsync("""{"roles":["User.Read.All"]}""");
        using (var response = await PostAsync(Batch(Get("1", "/users/" + AdeleId), Patch("2", "/users/" + AdeleId)), reader))
        {
            var responses = await ResponsesAsync(response);
            Assert.Equal(200, (int)responses["1"]["status"]!);
            Assert.Equal(403, (int)responses["2"]["status"]!);
            Assert.Equal("Authorization_RequestDenied", (string)responses["2"]["body"]!["error"]!["code"]!);
        }

        // An inner request's own Authorization header does not count: the outer one does.
        var own = Patch("1", "/users/" + AdeleId);
        own["headers"]!["Authorization"] = "Bearer " + emulator.Token;
        using (var response = await PostAsync(Batch(own), reader))
        {
            Assert.Equal(403, (int)(await ResponsesAsync(response))["1"]["status"]!);
        }

        // A token revoked while batches are in flight: the next batch is refused as a whole.
        using (await emulator.Client.PostAsync("/_emulator/tokens/revoke", EmulatorFixture.Json($$"""{"access_token":"{{reader}}"}""")))
        using (var response = await PostAsync(Batch(Get("1", "/users/" + AdeleId)), reader))
        {
            await EmulatorFixture.AssertErrorAsync(response, 401, "InvalidAuthenticationToken");
        }
    }

    [Fact]
    public async Task Inner_urls_are_decoded_once_like_a_direct_path_and_a_raw_hash_starts_a_fragment()
    {
        using var response = await PostAsync(Batch(
            Get("encoded", "/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com?$select=id"),
            Get("twice", "/users/AdeleV%2540M365x214355.onmicrosoft.com"),
            Get("raw", "/users/a_contoso.com#EXT#@M365x214355.onmicrosoft.com"),
            Get("versioned", "/v1.0/users/" + AdeleId)));
        var responses = await ResponsesAsync(response);
        Assert.Equal(GuestId, (string)responses["encoded"]["body"]!["id"]!);
        Assert.Equal(
            "Resource 'AdeleV%40M365x214355.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.",
            (string)responses["twice"]["body"]!["error"]!["message"]!);

        // '#' starts a fragment: the key is what comes before it, which names nobody.
        Assert.Equal(404, (int)responses["raw"]["status"]!);
        Assert.Contains("'a_contoso.com'", (string)responses["raw"]["body"]!["error"]!["message"]!, StringComparison.Ordinal);

        // URLs are relative to the version root (graph-facts §5), so /v1.0/... names a segment 'v1.0'.
        Assert.Equal(400, (int)responses["versioned"]["status"]!);

        var raw = (await LogAsync()).Single(e => (string?)e["batchRequestId"] == "raw");
        Assert.Equal("a_contoso.com", (string)raw["key"]!);
        Assert.Equal("/v1.0/users/a_contoso.com", (string)raw["rawPath"]!);
    }

    [Fact]
    public async Task Inner_headers_reach_the_inner_request()
    {
        var search = Get("1", "/users?$search=\"displayName:Adele\"&$select=id");
        using (var response = await PostAsync(Batch(search)))
        {
            Assert.Equal(400, (int)(await ResponsesAsync(response))["1"]["status"]!); // no ConsistencyLevel
        }

        search["headers"] = new JsonObject { ["ConsistencyLevel"] = "eventual", ["client-request-id"] = "inner-1" };
        using (var response = await PostAsync(Batch(search)))
        {
            var inner = (await ResponsesAsync(response))["1"];
            Assert.Equal(200, (int)inner["status"]!);
            Assert.Equal("inner-1", (string)inner["headers"]!["client-request-id"]!);
        }
    }

    [Fact]
    public async Task Batch_over_get_is_not_allowed_and_there_is_no_contract_violation_for_the_container()
    {
        using (var response = await emulator.GetAsync("/v1.0/$batch"))
        {
            Assert.Equal(405, (int)response.StatusCode);
        }

        await emulator.Client.DeleteAsync("/_emulator/contract/violations");
        using (var response = await PostAsync(Batch(Patch("1", "/users/" + AdeleId), Get("2", "/users?$top=1"))))
        {
            await ResponsesAsync(response);
        }

        using var violations = await emulator.Client.GetAsync("/_emulator/contract/violations");
        Assert.Equal("[]", await violations.Content.ReadAsStringAsync());
    }
}
