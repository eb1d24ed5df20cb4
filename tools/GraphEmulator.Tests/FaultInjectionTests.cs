using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Fault injection and latency through /_emulator, over HTTP (graph-facts §5, §6).</summary>
public sealed class FaultInjectionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Adele = "AdeleV@M365x214355.onmicrosoft.com";
    private const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    private const string AdelePath = "/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com";
    private const string Alex = "AlexW@M365x214355.onmicrosoft.com";
    private const string Password = "xWwvJ]6NMw+bWH-d";

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => emulator.ResetAsync();

    private static string PatchBody(string password = Password) =>
        new JsonObject { ["passwordProfile"] = new JsonObject { ["password"] = password, ["forceChangePasswordNextSignIn"] = true } }.ToJsonString();

    private async Task<JsonObject> SetFaultsAsync(string json)
    {
        using var response = await emulator.Client.PostAsync("/_emulator/faults", EmulatorFixture.Json(json));
        Assert.Equal(200, (int)response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    private async Task<int> ResetCountAsync(string key) => (int)(await emulator.ControlUserAsync(key))["passwordResetCount"]!;

    private async Task<List<JsonObject>> LogAsync(string query = "")
    {
        using var response = await emulator.Client.GetAsync("/_emulator/requests" + query);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    private Task<HttpResponseMessage> BatchAsync(params JsonObject[] requests) =>
        emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", BatchTests.Batch(requests));

    [Fact]
    public async Task Faults_are_read_set_validated_cleared_and_reset()
    {
        var initial = await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults");
        Assert.Equal(0.0, (double)initial["rates"]!["429"]!);
        Assert.Equal("normal", (string)initial["paging"]!);

        var set = await SetFaultsAsync("""{"seed":7,"rates":{"429":0.05,"503":0.02,"drop":0.01},"retryAfterSeconds":2.128,"methods":["patch"]}""");
        Assert.Equal(7, (long)set["seed"]!);
        Assert.Equal(0.05, (double)set["rates"]!["429"]!);
        Assert.Equal(0.0, (double)set["rates"]!["lostAnswer"]!);
        Assert.Equal(2.128, (double)set["retryAfterSeconds"]!);
        Assert.Equal("PATCH", (string)set["methods"]![0]!);
        Assert.Equal(set.ToJsonString(), (await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults")).ToJsonString());

        foreach (var bad in new[]
        {
            """{"rates":{"429":1.5}}""", """{"rates":{"500":0.1}}""", """{"rates":{"429":0.6,"503":0.6}}""",
            """{"paging":"sideways"}""", """{"rates":{"429":"x"}}""", """{"colour":1}""",
        })
        {
            using var response = await emulator.Client.PostAsync("/_emulator/faults", EmulatorFixture.Json(bad));
            Assert.Equal(400, (int)response.StatusCode);
        }

        using (var cleared = await emulator.Client.DeleteAsync("/_emulator/faults"))
        {
            Assert.Equal(204, (int)cleared.StatusCode);
        }

        Assert.Equal(0.0, (double)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults"))["rates"]!["429"]!);

        await SetFaultsAsync("""{"rates":{"429":1}}""");
        await emulator.ResetAsync();
        Assert.Equal(0.0, (double)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/faults"))["rates"]!["429"]!);
    }

    [Fact]
    public async Task Rate_one_429_is_429_forever_with_Graphs_body_and_a_fractional_Retry_After()
    {
        await SetFaultsAsync("""{"rates":{"429":1},"retryAfterSeconds":0.5}""");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await emulator.PatchAsync(AdelePath, PatchBody());
            await EmulatorFixture.AssertErrorAsync(response, 429, "TooManyRequests");
            Assert.Equal("0.5", response.Headers.GetValues("Retry-After").Single());
        }

        Assert.Equal(0, await ResetCountAsync(Adele));
        var log = await LogAsync("?method=PATCH");
        Assert.Equal(3, log.Count);
        Assert.All(log, e => Assert.Equal("429", (string)e["fault"]!));
        Assert.All(log, e => Assert.Equal(429, (int)e["status"]!));
    }

    [Fact]
    public async Task Inner_requests_are_throttled_on_their_own_inside_an_outer_200()
    {
        await SetFaultsAsync("""{"rates":{"429":1},"retryAfterSeconds":2.128}""");
        using var response = await BatchAsync(BatchTests.Patch("1", "/users/" + AdeleId), BatchTests.Patch("2", "/users/" + Alex));
        Assert.Equal(200, (int)response.StatusCode);
        var responses = (await EmulatorFixture.ReadJsonAsync(response))["responses"]!.AsArray();
        Assert.All(responses, r =>
        {
            Assert.Equal(429, (int)r!["status"]!);
            Assert.Equal("2.128", (string)r["headers"]!["Retry-After"]!);
            Assert.Equal("TooManyRequests", (string)r["body"]!["error"]!["code"]!);
            Assert.Equal("Please retry again later.", (string)r["body"]!["error"]!["message"]!);
        });
        Assert.Equal(0, await ResetCountAsync(Adele));
        Assert.Equal(["429", "429"], (await LogAsync("?method=PATCH")).Select(e => (string)e["fault"]!));
        Assert.Null((await LogAsync("?method=POST")).Single()["fault"]);
    }

    [Fact]
    public async Task Service_unavailable_is_not_applied_and_504_after_apply_is()
    {
        await SetFaultsAsync("""{"rates":{"503":1},"retryAfterSeconds":1}""");
        using (var response = await emulator.PatchAsync(AdelePath, PatchBody()))
        {
            await EmulatorFixture.AssertErrorAsync(response, 503, "serviceNotAvailable");
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        }

        Assert.Equal(0, await ResetCountAsync(Adele));

        await SetFaultsAsync("""{"rates":{"504AfterApply":1}}""");
        using (var response = await emulator.PatchAsync(AdelePath, PatchBody()))
        {
            await EmulatorFixture.AssertErrorAsync(response, 504, "gatewayTimeout");
        }

        var stored = await emulator.ControlUserAsync(Adele);
        Assert.Equal(1, (int)stored["passwordResetCount"]!);
        Assert.Equal(Password, (string)stored["passwordProfile"]!["password"]!);
        Assert.Equal("504AfterApply", (string)(await LogAsync("?method=PATCH")).Last()["fault"]!);
    }

    [Fact]
    public async Task Injected_answers_keep_to_the_contract()
    {
        using (await emulator.Client.DeleteAsync("/_emulator/contract/violations"))
        {
        }

        foreach (var fault in new[] { "429", "503", "504AfterApply", "concurrencyViolation" })
        {
            await SetFaultsAsync($$$"""{"rates":{"{{{fault}}}":1}}""");
            (await emulator.PatchAsync(AdelePath, PatchBody())).Dispose();
            (await emulator.GetAsync("/v1.0/users?$top=3")).Dispose();
            (await BatchAsync(BatchTests.Patch("1", "/users/" + AdeleId), BatchTests.Get("2", "/users/" + AdeleId))).Dispose();
        }

        using var violations = await emulator.Client.GetAsync("/_emulator/contract/violations");
        Assert.Equal("[]", await violations.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrency_violation_answers_writes_only_before_applying()
    {
        await SetFaultsAsync("""{"rates":{"concurrencyViolation":1}}""");
        using (var response = await emulator.PatchAsync(AdelePath, PatchBody()))
        {
            var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Directory_ConcurrencyViolation");
            Assert.Contains("retry", message, StringComparison.OrdinalIgnoreCase);
        }

        using (var read = await emulator.GetAsync(AdelePath))
        {
            Assert.Equal(200, (int)read.StatusCode);
        }

        Assert.Equal(0, await ResetCountAsync(Adele));
    }

    [Fact]
    public async Task Drop_closes_the_connection_before_anything_is_applied()
    {
        await SetFaultsAsync("""{"rates":{"drop":1}}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PatchAsync(AdelePath, PatchBody()));
        await Assert.ThrowsAsync<HttpRequestException>(() => BatchAsync(BatchTests.Patch("1", "/users/" + Alex)));
        Assert.Equal(0, await ResetCountAsync(Adele));
        Assert.Equal(0, await ResetCountAsync(Alex));

        var log = await LogAsync();
        Assert.Equal(2, log.Count); // the direct PATCH and the outer POST; no inner request ran
        Assert.All(log, e =>
        {
            Assert.Equal("drop", (string)e["fault"]!);
            Assert.Null(e["status"]);
        });
    }

    [Fact]
    public async Task Lost_answer_applies_everything_then_closes_the_connection()
    {
        await SetFaultsAsync("""{"rates":{"lostAnswer":1}}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => BatchAsync(BatchTests.Patch("1", "/users/" + AdeleId), BatchTests.Patch("2", "/users/" + Alex)));
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PatchAsync("/v1.0/users/" + Uri.EscapeDataString("MeganB@M365x214355.onmicrosoft.com"), PatchBody()));
        Assert.Equal(1, await ResetCountAsync(Adele));
        Assert.Equal(1, await ResetCountAsync(Alex));
        Assert.Equal(1, await ResetCountAsync("MeganB@M365x214355.onmicrosoft.com"));

        var log = await LogAsync();
        var outer = log.Single(e => (string)e["method"]! == "POST");
        Assert.Equal("lostAnswer", (string)outer["fault"]!);
        Assert.Equal(200, (int)outer["status"]!); // what the emulator produced and never sent
        Assert.All(log.Where(e => e["batchSequence"] is not null), e => Assert.Equal(204, (int)e["status"]!));
        Assert.Equal("lostAnswer", (string)log.Single(e => (string)e["method"]! == "PATCH" && e["batchSequence"] is null)["fault"]!);
    }

    [Fact]
    public async Task Malformed_batch_applies_the_inner_requests_and_answers_200_with_invalid_json()
    {
        await SetFaultsAsync("""{"rates":{"malformedBatch":1}}""");
        using (var response = await BatchAsync(BatchTests.Patch("1", "/users/" + AdeleId)))
        {
            Assert.Equal(200, (int)response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("{", text, StringComparison.Ordinal);
            Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
        }

        Assert.Equal(1, await ResetCountAsync(Adele));

        // A direct request is never "malformed": the fault is for batches.
        using (var direct = await emulator.GetAsync(AdelePath))
        {
            Assert.Equal(200, (int)direct.StatusCode);
        }
    }

    [Fact]
    public async Task Hang_holds_the_request_past_the_clients_timeout_and_applies_nothing()
    {
        await SetFaultsAsync("""{"rates":{"hang":1},"hangSeconds":60}""");
        using var impatient = new HttpClient { BaseAddress = emulator.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
        using var request = new HttpRequestMessage(HttpMethod.Patch, AdelePath) { Content = EmulatorFixture.Json(PatchBody()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.SendAsync(request));
        Assert.Equal(0, await ResetCountAsync(Adele));

        // Once the client has gone, the emulator notices, closes the connection and logs the request.
        JsonObject? entry = null;
        for (var i = 0; i < 100 && entry is null; i++)
        {
            entry = (await LogAsync("?method=PATCH")).SingleOrDefault();
            await Task.Delay(entry is null ? 100 : 0);
        }

        Assert.NotNull(entry);
        Assert.Equal("hang", (string)entry["fault"]!);
        Assert.Null(entry["status"]);

        // A short hang ends with a closed connection.
        await SetFaultsAsync("""{"rates":{"hang":1},"hangSeconds":0.2}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync(AdelePath));
    }

    [Fact]
    public async Task Method_filter_and_writes_only_limit_the_faults()
    {
        await SetFaultsAsync("""{"rates":{"429":1},"methods":["PATCH"]}""");
        using (var read = await emulator.GetAsync(AdelePath))
        {
            Assert.Equal(200, (int)read.StatusCode);
        }

        using (var write = await emulator.PatchAsync(AdelePath, PatchBody()))
        {
            Assert.Equal(429, (int)write.StatusCode);
        }

        await SetFaultsAsync("""{"rates":{"drop":1},"writesOnly":true}""");
        using (var readOnlyBatch = await BatchAsync(BatchTests.Get("1", "/users/" + AdeleId)))
        {
            Assert.Equal(200, (int)readOnlyBatch.StatusCode); // no write inside: not dropped
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => BatchAsync(BatchTests.Get("1", "/users/" + AdeleId), BatchTests.Patch("2", "/users/" + Alex)));
    }

    [Fact]
    public async Task Decisions_depend_on_seed_content_and_attempt_not_on_arrival_order()
    {
        var keys = Enumerable.Range(1, 40).Select(i => $"/v1.0/users/synthetic{i:D5}%40M365x214355.onmicrosoft.com?$select=id").ToList();

        async Task<List<string>> RunAsync(bool concurrently)
        {
            await emulator.ResetAsync(); // forgets attempts
            await SetFaultsAsync("""{"seed":42,"rates":{"429":0.5}}""");
            if (concurrently)
            {
                foreach (var response in await Task.WhenAll(keys.AsEnumerable().Reverse().Select(k => emulator.GetAsync(k))))
                {
                    response.Dispose();
                }
            }
            else
            {
                foreach (var key in keys)
                {
                    (await emulator.GetAsync(key)).Dispose();
                }
            }

            return [.. (await LogAsync()).Where(e => (string?)e["fault"] == "429").Select(e => (string)e["rawPath"]!).Order(StringComparer.Ordinal)];
        }

        var serial = await RunAsync(concurrently: false);
        var parallel = await RunAsync(concurrently: true);
        Assert.Equal(serial, parallel);
        Assert.InRange(serial.Count, 5, 35); // about half, and neither none nor all

        // The same request again is a new attempt with its own draw: with rate 0.5, retries end.
        await emulator.ResetAsync();
        await SetFaultsAsync("""{"seed":42,"rates":{"429":0.5}}""");
        var statuses = new List<int>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await emulator.GetAsync(keys[0]);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Contains(429, statuses);
        Assert.Contains(statuses, s => s != 429); // (404: no such synthetic user here; what matters is "not throttled")

        // Another seed, other decisions.
        await emulator.ResetAsync();
        await SetFaultsAsync("""{"seed":43,"rates":{"429":0.5}}""");
        foreach (var key in keys)
        {
            (await emulator.GetAsync(key)).Dispose();
        }

        var otherSeed = (await LogAsync()).Where(e => (string?)e["fault"] == "429").Select(e => (string)e["rawPath"]!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEqual(serial, otherSeed);
    }

    [Fact]
    public async Task Paging_that_repeats_and_paging_that_never_ends()
    {
        await SetFaultsAsync("""{"paging":"repeat"}""");
        var first = await emulator.GetJsonAsync("/v1.0/users?$top=5&$select=id");
        var link = (string)first["@odata.nextLink"]!;
        var second = await emulator.GetJsonAsync(link);
        Assert.Equal(first["value"]!.ToJsonString(), second["value"]!.ToJsonString()); // the page already served
        Assert.Equal(link, (string)second["@odata.nextLink"]!);                         // and the same link again
        Assert.All(await LogAsync(), e => Assert.Equal("pagingRepeat", (string)e["fault"]!));

        await SetFaultsAsync("""{"paging":"endless"}""");
        var links = new HashSet<string>(StringComparer.Ordinal);
        var page = await emulator.GetJsonAsync("/v1.0/users?$top=20&$select=id");
        var emptyPages = 0;
        for (var i = 0; i < 6; i++)
        {
            var next = (string)page["@odata.nextLink"]!;
            Assert.True(links.Add(next)); // always a fresh link
            page = await emulator.GetJsonAsync(next);
            emptyPages += page["value"]!.AsArray().Count == 0 ? 1 : 0;
        }

        Assert.True(emptyPages >= 3); // 42 users: pages past the end are empty, and still carry a next link
        Assert.NotNull(page["@odata.nextLink"]);
    }

    [Fact]
    public async Task Latency_is_read_set_validated_and_cleared()
    {
        Assert.Equal("""{"fixedMs":0,"jitterMs":0,"tokenMs":0,"tokenRequestsWaiting":0}""", (await emulator.Client.GetFromJsonNodeAsync("/_emulator/latency")).ToJsonString());
        using (var set = await emulator.Client.PostAsync("/_emulator/latency", EmulatorFixture.Json("""{"fixedMs":20,"jitterMs":5}""")))
        {
            Assert.Equal("""{"fixedMs":20,"jitterMs":5,"tokenMs":0}""", (await EmulatorFixture.ReadJsonAsync(set)).ToJsonString());
        }

        using (var slow = await BatchAsync(BatchTests.Get("1", "/users/" + AdeleId), BatchTests.Get("2", "/users/" + Alex)))
        {
            Assert.Equal(200, (int)slow.StatusCode);
        }

        using (var bad = await emulator.Client.PostAsync("/_emulator/latency", EmulatorFixture.Json("""{"fixedMs":-1}""")))
        {
            Assert.Equal(400, (int)bad.StatusCode);
        }

        using (var cleared = await emulator.Client.DeleteAsync("/_emulator/latency"))
        {
            Assert.Equal(204, (int)cleared.StatusCode);
        }

        Assert.Equal(0, (int)(await emulator.Client.GetFromJsonNodeAsync("/_emulator/latency"))["fixedMs"]!);
    }
}
