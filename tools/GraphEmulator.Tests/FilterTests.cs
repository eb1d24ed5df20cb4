using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class FilterTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<List<string>> UpnsAsync(string filter)
    {
        // Sent as an advanced query (header + $count=true) so ne, not and endsWith are allowed (graph-facts §4).
        var body = await emulator.GetJsonAsync("/v1.0/users?$count=true&$select=userPrincipalName&$top=999&$filter=" + Uri.EscapeDataString(filter), eventual: true);
        return body["value"]!.AsArray().Select(u => (string)u!["userPrincipalName"]!).ToList();
    }

    [Theory]
    [InlineData("userPrincipalName eq 'adelev@m365x214355.onmicrosoft.com'", "AdeleV@")]
    [InlineData("displayName eq 'MEGAN BOWEN'", "MeganB@")]
    [InlineData("mail eq 'AdeleV@M365x214355.onmicrosoft.com'", "AdeleV@")]
    [InlineData("id eq '87d349ed-44d7-43e1-9a83-5f2406dee5bd'", "AdeleV@")]
    [InlineData("givenName eq 'Zoë'", "ZoeA@")]
    [InlineData("surname eq 'Núñez'", "jnunez@")]
    [InlineData("jobTitle eq 'Corporate Security Officer'", "AllanD@")]
    [InlineData("startswith(displayName,'Megan')", "MeganB@")]
    [InlineData("startsWith(userPrincipalName,'ciara.o''neil')", "Ciara.O'Neil@")]
    [InlineData("endswith(mail,'@m365x214355.onmicrosoft.com') and startswith(displayName,'Megan')", "MeganB@")]
    public async Task Eq_and_startswith_match_case_insensitively(string filter, string expectedPrefix)
    {
        var upns = await UpnsAsync(filter);
        Assert.Single(upns);
        Assert.StartsWith(expectedPrefix, upns[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boolean_and_null_filters_follow_the_seed()
    {
        Assert.Equal(3, (await UpnsAsync("accountEnabled eq false")).Count);
        Assert.Equal(3, (await UpnsAsync("onPremisesSyncEnabled eq true")).Count);
        Assert.Equal(39, (await UpnsAsync("onPremisesSyncEnabled eq null")).Count);
        Assert.Equal(4, (await UpnsAsync("userType eq 'Guest'")).Count);
        Assert.Equal(4, (await UpnsAsync("creationType eq 'Invitation'")).Count);
        Assert.Empty(await UpnsAsync("employeeId eq 'nobody'"));
        Assert.Single(await UpnsAsync("employeeId eq '100412'"));
        Assert.Equal(39, (await UpnsAsync("employeeId eq null")).Count);
    }

    [Fact]
    public async Task And_or_not_in_combine()
    {
        var guestsOrDisabled = await UpnsAsync("userType eq 'Guest' or accountEnabled eq false");
        Assert.Equal(7, guestsOrDisabled.Count);

        var enabledSynced = await UpnsAsync("onPremisesSyncEnabled eq true and accountEnabled eq true");
        Assert.Equal(["kakers@M365x214355.onmicrosoft.com", "jnunez@M365x214355.onmicrosoft.com"], enabledSynced);

        var notMembers = await UpnsAsync("not(userType eq 'Member')");
        Assert.Equal(4, notMembers.Count);

        var members = await UpnsAsync("userType ne 'Guest'");
        Assert.Equal(38, members.Count);

        var picked = await UpnsAsync("userPrincipalName in ('AdeleV@M365x214355.onmicrosoft.com','meganb@m365x214355.onmicrosoft.com','nobody@x')");
        Assert.Equal(["AdeleV@M365x214355.onmicrosoft.com", "MeganB@M365x214355.onmicrosoft.com"], picked);

        var departments = await UpnsAsync("department in ('Sales & Marketing') and (startswith(displayName,'A') or startswith(displayName,'I'))");
        Assert.Contains("AdeleV@M365x214355.onmicrosoft.com", departments);
    }

    [Fact]
    public async Task Sdk_encoded_query_names_are_decoded()
    {
        var body = await emulator.GetJsonAsync("/v1.0/users?%24select=id,displayName&%24filter=startsWith%28displayName%2C%27Adele%27%29");
        Assert.Equal(3, body["value"]!.AsArray().Count);
        Assert.EndsWith("/v1.0/$metadata#users(id,displayName)", (string)body["@odata.context"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contains(displayName,'dele')", "displayName")]
    [InlineData("endswith(displayName,'Vance')", "displayName")] // endsWith only on mail, otherMails, UPN, proxyAddresses
    [InlineData("startswith(department,'Sales')", "department")]
    [InlineData("accountEnabled ge true", "accountEnabled")]
    [InlineData("displayName gt 'A'", "displayName")]
    [InlineData("lastPasswordChangeDateTime eq 2019-05-14T22:58:00Z", "lastPasswordChangeDateTime")]
    [InlineData("userPrincipalName eq null", "userPrincipalName")]
    [InlineData("not(department eq null) and passwordPolicies eq 'x'", "passwordPolicies")]
    [InlineData("length(displayName) eq 5", "displayName")]
    public async Task Unsupported_clause_is_400_not_a_list(string filter, string property)
    {
        using var response = await emulator.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString(filter));
        var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Request_UnsupportedQuery");
        Assert.Equal($"Unsupported or invalid query filter clause specified for property '{property}' of resource 'User'.", message);
    }

    [Fact]
    public async Task Unknown_property_and_syntax_errors_are_400()
    {
        using (var unknown = await emulator.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString("favouriteColour eq 'blue'")))
        {
            var message = await EmulatorFixture.AssertErrorAsync(unknown, 400, "Request_BadRequest");
            Assert.Equal("Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.", message);
        }

        using (var syntax = await emulator.GetAsync("/v1.0/users?$filter=" + Uri.EscapeDataString("displayName eq")))
        {
            await EmulatorFixture.AssertErrorAsync(syntax, 400, "BadRequest");
        }

        using (var unknownSelect = await emulator.GetAsync("/v1.0/users?$select=id,nope"))
        {
            var message = await EmulatorFixture.AssertErrorAsync(unknownSelect, 400, "Request_BadRequest");
            Assert.Equal("Could not find a property named 'nope' on type 'microsoft.graph.user'.", message);
        }
    }

    [Fact]
    public async Task Select_is_case_insensitive_and_answers_with_schema_spelling()
    {
        var body = await emulator.GetJsonAsync("/v1.0/users?$select=DISPLAYNAME,accountenabled&$filter=" + Uri.EscapeDataString("userPrincipalName eq 'Rainier@M365x214355.onmicrosoft.com'"));
        var user = body["value"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["displayName", "accountEnabled"], user.Select(p => p.Key));
        Assert.False((bool)user["accountEnabled"]!);
    }

    [Fact]
    public async Task Default_properties_are_the_documented_set()
    {
        var body = await emulator.GetJsonAsync("/v1.0/users?$top=1");
        var user = body["value"]!.AsArray().Single()!.AsObject();
        string[] expected = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];
        Assert.Equal(expected, user.Select(p => p.Key));
    }

    [Fact]
    public async Task Count_is_returned_for_an_advanced_query()
    {
        using var response = await emulator.GetEventualAsync("/v1.0/users?$count=true&$filter=" + Uri.EscapeDataString("userType ne 'Guest'"));
        var body = await EmulatorFixture.ReadJsonAsync(response);
        Assert.Equal(38, (int)body["@odata.count"]!);
    }

    [Fact]
    public async Task Any_on_string_collections_and_search_work()
    {
        Assert.Single(await UpnsAsync("proxyAddresses/any(p:p eq 'SMTP:MeganB@M365x214355.onmicrosoft.com')"));
        var search = await emulator.GetJsonAsync("/v1.0/users?$select=displayName&$search=" + Uri.EscapeDataString("\"displayName:vance\""), eventual: true);
        Assert.Equal(3, search["value"]!.AsArray().Count);
        var ordered = await emulator.GetJsonAsync("/v1.0/users?$select=displayName&$orderby=displayName&$top=1");
        Assert.Equal("a", (string)ordered["value"]![0]!["displayName"]!);
        var count = await emulator.GetEventualAsync("/v1.0/users/$count?$filter=" + Uri.EscapeDataString("userType eq 'Guest'"));
        Assert.Equal("4", await count.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_top_is_400()
    {
        foreach (var top in new[] { "0", "1000", "abc" })
        {
            using var response = await emulator.GetAsync("/v1.0/users?$top=" + top);
            var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
            Assert.StartsWith("Invalid page size specified", message, StringComparison.Ordinal);
        }
    }
}
