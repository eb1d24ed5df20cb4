using System.Text;
using System.Text.Json.Nodes;
using GraphEmulator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>The OpenAPI contract checks (graph-contract/README.md): the checker itself, then the emulator against it.</summary>
public sealed class ContractTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Adele = "AdeleV@M365x214355.onmicrosoft.com";
    private const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    private const string Password = "xWwvJ]6NMw+bWH-d";

    private static readonly Lazy<ContractChecker> Checker = new(() =>
    {
        var contract = OpenApiContract.Load(ContractFileLocator.Find(ContractFileLocator.OpenApiFile));
        return new ContractChecker(contract, new ContractSchemas(contract));
    });

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        using var clear = await emulator.Client.DeleteAsync("/_emulator/contract/violations");
        Assert.Equal(204, (int)clear.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static QueryCollection Query(params (string Name, string Value)[] options) =>
        new(options.ToDictionary(o => o.Name, o => new StringValues(o.Value)));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Checker_reports_a_misspelt_property_in_a_response_body()
    {
        const string good = $$"""{"@odata.context":"x","id":"{{AdeleId}}","displayName":"Adele","userPrincipalName":"{{Adele}}"}""";
        Assert.Empty(Checker.Value.CheckResponse("GET", "/users/" + AdeleId, 200, "application/json", Utf8(good)));

        var bad = good.Replace("userPrincipalName", "userPrincipalNam", StringComparison.Ordinal);
        var violations = Checker.Value.CheckResponse("GET", "/users/" + AdeleId, 200, "application/json", Utf8(bad));
        Assert.Contains(violations, v => v.Contains("/userPrincipalNam", StringComparison.Ordinal));

        var list = $$"""{"value":[{"id":"1","displayNme":"x"}],"@odata.count":1}""";
        Assert.Contains(Checker.Value.CheckResponse("GET", "/users", 200, "application/json; charset=utf-8", Utf8(list)), v => v.Contains("displayNme", StringComparison.Ordinal));

        var error = """{"error":{"code":"x","mesage":"y"}}""";
        Assert.NotEmpty(Checker.Value.CheckResponse("GET", "/users/x", 404, "application/json", Utf8(error)));
    }

    [Fact]
    public void Checker_reports_broken_requests_without_quoting_passwords()
    {
        var body = $$$"""{"@odata.type":"#microsoft.graph.user","jobTitel":"x","passwordProfile":{"password":"{{{Password}}}","forceChangePasswordNextSignIn":"yes"}}""";
        var patch = Checker.Value.CheckRequest("PATCH", "/users/" + AdeleId, Query(), Utf8(body));
        Assert.Contains(patch, v => v.Contains("/jobTitel", StringComparison.Ordinal));
        Assert.Contains(patch, v => v.Contains("forceChangePasswordNextSignIn", StringComparison.Ordinal));
        Assert.DoesNotContain(patch, v => v.Contains(Password, StringComparison.Ordinal));

        Assert.Contains(Checker.Value.CheckRequest("GET", "/users", Query(("$select", "id,userPrincipalNam")), []), v => v.Contains("userPrincipalNam", StringComparison.Ordinal));
        Assert.NotEmpty(Checker.Value.CheckRequest("GET", "/users", Query(("$top", "0")), []));
        Assert.NotEmpty(Checker.Value.CheckRequest("GET", "/users", Query(("$count", "maybe")), []));
        Assert.NotEmpty(Checker.Value.CheckRequest("GET", "/users", Query(("$expnd", "manager")), []));
        Assert.NotEmpty(Checker.Value.CheckRequest("GET", "/groups", Query(), []));
        Assert.NotEmpty(Checker.Value.CheckRequest("PUT", "/users/" + AdeleId, Query(), []));
        Assert.Empty(Checker.Value.CheckRequest("GET", "/users", Query(("$select", "id,displayName"), ("$top", "999"), ("$count", "true"), ("$skiptoken", "abc")), []));
        Assert.Empty(Checker.Value.CheckRequest("GET", "/users('$AdeleVance@M365x214355.onmicrosoft.com')", Query(("$select", "id")), []));
    }

    [Fact]
    public async Task Redacted_violation_is_recorded_but_the_request_still_succeeds()
    {
        var body = $$$"""{"@odata.type":"#microsoft.graph.user","passwordProfile":{"password":"{{{Password}}}","forceChangePasswordNextSignIn":true,"passwordHint":"{{{Password}}}"}}""";
        using (var response = await emulator.PatchAsync("/v1.0/users/" + AdeleId, body))
        {
            Assert.Equal(400, (int)response.StatusCode); // the emulator refuses passwordHint itself
        }

        var violations = await ViolationsAsync();
        Assert.Contains(violations, v => (string)v!["side"]! == "request" && ((string)v["message"]!).Contains("passwordHint", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, violations.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Representative_exchanges_have_no_violations()
    {
        var helpdesk = await emulator.IssueTokenAsync("""{"scp":"User.Read.All User-PasswordProfile.ReadWrite.All","wids":["729827e3-9c14-49f7-bb1b-9608f156bbb8"]}""");
        var noRead = await emulator.IssueTokenAsync("""{"roles":["User-PasswordProfile.ReadWrite.All"]}""");
        var good = $$$"""{"@odata.type":"#microsoft.graph.user","passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"{{{Password}}}"}}""";
        var weak = """{"passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"weak"}}""";

        // GET by key, three forms, with and without $select.
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users/" + AdeleId));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com?%24select=id,displayName,accountEnabled,onPremisesSyncEnabled,userType,identities,onPremisesExtensionAttributes,lastPasswordChangeDateTime"));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users('%24AdeleVance%40M365x214355.onmicrosoft.com')"));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users(userPrincipalName='Ciara.O''Neil%40M365x214355.onmicrosoft.com')?$select=id,userPrincipalName"));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com"));

        // Lists: select, filter, paging, count, search, orderby.
        var first = await emulator.GetJsonAsync("/v1.0/users?%24select=id,displayName,userPrincipalName&%24top=5");
        await ExpectAsync(200, emulator.GetAsync(new Uri((string)first["@odata.nextLink"]!).PathAndQuery));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString("startsWith(displayName,'A') or userType in ('Guest')")));
        await ExpectAsync(200, emulator.GetAsync("/v1.0/users?$orderby=displayName&$top=3"));
        await ExpectAsync(200, emulator.GetEventualAsync("/v1.0/users?$count=true&$select=id,mail&$filter=" + Uri.EscapeDataString("endsWith(mail,'@M365x214355.onmicrosoft.com')")));
        await ExpectAsync(200, emulator.GetEventualAsync("/v1.0/users?$count=true&$orderby=displayName&$filter=" + Uri.EscapeDataString("accountEnabled eq true")));
        await ExpectAsync(200, emulator.GetEventualAsync("/v1.0/users?$search=" + Uri.EscapeDataString("\"displayName:adele\" OR \"mail:adele\"")));
        await ExpectAsync(200, emulator.GetEventualAsync("/v1.0/users/$count?$filter=" + Uri.EscapeDataString("userType eq 'Guest'")));

        // PATCH successes.
        await ExpectAsync(204, emulator.PatchAsync("/v1.0/users/" + AdeleId, good));
        await ExpectAsync(204, emulator.PatchAsync("/v1.0/users/" + AdeleId, """{"jobTitle":"Tester","businessPhones":["+1 555 0100"]}""", emulator.WriteToken));

        // Every error kind.
        await ExpectAsync(404, emulator.GetAsync("/v1.0/users/nobody%40M365x214355.onmicrosoft.com"));
        await ExpectAsync(404, emulator.PatchAsync("/v1.0/users/nobody%40M365x214355.onmicrosoft.com", good));
        await ExpectAsync(403, emulator.PatchAsync("/v1.0/users/admin%40M365x214355.onmicrosoft.com", good, helpdesk));
        await ExpectAsync(403, emulator.GetAsync("/v1.0/users", noRead));
        await ExpectAsync(403, emulator.PatchAsync("/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com", good));
        await ExpectAsync(400, emulator.PatchAsync("/v1.0/users/" + AdeleId, weak));
        await ExpectAsync(400, emulator.GetAsync("/v1.0/users?$search=" + Uri.EscapeDataString("\"displayName:adele\"")));
        await ExpectAsync(400, emulator.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString("endsWith(mail,'@x.com')")));
        await ExpectAsync(400, emulator.GetEventualAsync("/v1.0/users?$search=adele"));
        await ExpectAsync(401, emulator.GetAsync("/v1.0/users", token: "not-a-token"));
        await SettingsAsync("""{"passwordWriteback":false,"federatedDomains":["fabrikam.example"]}""");
        await ExpectAsync(400, emulator.PatchAsync("/v1.0/users/kakers%40M365x214355.onmicrosoft.com", good));
        using (var added = await emulator.Client.PostAsync("/_emulator/users", EmulatorFixture.Json("""{"userPrincipalName":"bob@fabrikam.example"}""")))
        {
            Assert.Equal(201, (int)added.StatusCode);
        }

        await ExpectAsync(400, emulator.PatchAsync("/v1.0/users/bob%40fabrikam.example", good));

        var violations = await ViolationsAsync();
        Assert.True(violations.Count == 0, violations.ToJsonString());
    }

    public static TheoryData<string> CoveredSamples => new()
    {
        "user-not-found-404",
        "insufficient-privileges-403",
        "weak-password-400",
        "on-premises-mastered-400",
        "search-without-consistencylevel-400",
        "advanced-operator-without-count-400",
    };

    [Theory]
    [MemberData(nameof(CoveredSamples))]
    public async Task Errors_match_the_documented_samples(string id)
    {
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(ContractFileLocator.Find("graph-error-samples.json")))!;
        var sample = samples["errors"]!.AsArray().Single(e => (string)e!["id"]! == id)!;
        var helpdesk = await emulator.IssueTokenAsync("""{"scp":"User.Read.All User-PasswordProfile.ReadWrite.All","wids":["729827e3-9c14-49f7-bb1b-9608f156bbb8"]}""");
        var good = $$$"""{"passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"{{{Password}}}"}}""";
        const string unknownId = "8c14a998-3c8d-4c52-ad09-c9032671ea31";
        if (id == "on-premises-mastered-400")
        {
            await SettingsAsync("""{"passwordWriteback":false}""");
        }

        using var response = id switch
        {
            "user-not-found-404" => await emulator.GetAsync("/v1.0/users/" + unknownId),
            "insufficient-privileges-403" => await emulator.PatchAsync("/v1.0/users/admin%40M365x214355.onmicrosoft.com", good, helpdesk),
            "weak-password-400" => await emulator.PatchAsync("/v1.0/users/" + AdeleId, """{"passwordProfile":{"password":"weak"}}"""),
            "on-premises-mastered-400" => await emulator.PatchAsync("/v1.0/users/kakers%40M365x214355.onmicrosoft.com", good),
            "search-without-consistencylevel-400" => await emulator.GetAsync("/v1.0/users?$search=" + Uri.EscapeDataString("\"displayName:Browser\"")),
            _ => await emulator.SendAsync(HttpMethod.Get, "/v1.0/users?$filter=" + Uri.EscapeDataString("endsWith(userPrincipalName,'#EXT#@M365x214355.onmicrosoft.com')"), configure: r => r.Headers.Add("client-request-id", "a1556ddf-4794-929d-0105-b753a78b4c68")),
        };

        var expectedError = sample["body"]!["error"]!;
        var message = await EmulatorFixture.AssertErrorAsync(response, (int)sample["status"]!, (string)expectedError["code"]!);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        // Same message too (the 404 sample quotes the key given, which is the unknown id used above).
        Assert.Equal((string)expectedError["message"]!, message);
        if (id == "advanced-operator-without-count-400")
        {
            Assert.Equal("a1556ddf-4794-929d-0105-b753a78b4c68", response.Headers.GetValues("client-request-id").Single());
        }

        Assert.Empty(await ViolationsAsync());
    }

    private static async Task ExpectAsync(int status, Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.Equal(status, (int)response.StatusCode);
    }

    private async Task SettingsAsync(string body)
    {
        using var response = await emulator.Client.PostAsync("/_emulator/settings", EmulatorFixture.Json(body));
        Assert.Equal(204, (int)response.StatusCode);
    }

    private async Task<JsonArray> ViolationsAsync()
    {
        using var response = await emulator.Client.GetAsync("/_emulator/contract/violations");
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }
}
