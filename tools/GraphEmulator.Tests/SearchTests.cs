using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>$search syntax and matching (graph-facts §4), always sent with ConsistencyLevel: eventual.</summary>
public sealed class SearchTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<List<string>> UpnsAsync(string search)
    {
        var body = await emulator.GetJsonAsync("/v1.0/users?$top=999&$select=userPrincipalName&$search=" + Uri.EscapeDataString(search), eventual: true);
        return body["value"]!.AsArray().Select(u => (string)u!["userPrincipalName"]!).ToList();
    }

    [Fact]
    public async Task DisplayName_is_tokenized_and_prefix_matched_case_insensitively()
    {
        Assert.Equal(3, (await UpnsAsync("\"displayName:vance\"")).Count); // word prefix, not just startsWith
        Assert.Equal(3, (await UpnsAsync("\"displayName:VAN\"")).Count);
        Assert.Equal(["MeganB@M365x214355.onmicrosoft.com"], await UpnsAsync("\"displayName:bow meg\"")); // every word must match
        Assert.Empty(await UpnsAsync("\"displayName:ance\"")); // no infix match
    }

    [Fact]
    public async Task Other_properties_match_like_startsWith()
    {
        Assert.Equal(["MeganB@M365x214355.onmicrosoft.com"], await UpnsAsync("\"mail:meganb\""));
        Assert.Empty(await UpnsAsync("\"mail:eganb\""));
        Assert.Equal(["MeganB@M365x214355.onmicrosoft.com"], await UpnsAsync("\"userPrincipalName:MEGANB@\""));
    }

    [Fact]
    public async Task And_or_and_parentheses_combine_clauses()
    {
        var either = await UpnsAsync("\"displayName:Megan\" OR \"mail:AlexW\"");
        Assert.Equal(2, either.Count);
        Assert.Empty(await UpnsAsync("\"displayName:Megan\" AND \"mail:AlexW\""));
        var grouped = await UpnsAsync("(\"displayName:Megan\" OR \"displayName:Alex\") AND \"mail:meganb\"");
        Assert.Equal(["MeganB@M365x214355.onmicrosoft.com"], grouped);

        // What the module builds for "adele vance": each word in displayName, mail or userPrincipalName.
        var module = await UpnsAsync("(\"displayName:adele\" OR \"mail:adele\" OR \"userPrincipalName:adele\") AND (\"displayName:vance\" OR \"mail:vance\" OR \"userPrincipalName:vance\")");
        Assert.Equal(3, module.Count);
    }

    [Fact]
    public async Task Backslash_escapes_quote_and_backslash_inside_a_clause()
    {
        Assert.Equal(["Ciara.O'Neil@M365x214355.onmicrosoft.com"], await UpnsAsync("\"userPrincipalName:Ciara.O'\""));
        Assert.Empty(await UpnsAsync("\"displayName:a\\\"b\"")); // text a"b: well-formed, no match
        Assert.Empty(await UpnsAsync("\"displayName:a\\\\b\"")); // text a\b
    }

    [Theory]
    [InlineData("megan")] // no quotes
    [InlineData("\"displayName:megan\" and \"mail:x\"")] // lower-case operator
    [InlineData("\"displayName:megan")] // unterminated
    [InlineData("\"megan\"")] // no property
    [InlineData("\"displayName:\"")] // no text
    [InlineData("(\"displayName:megan\"")] // unbalanced
    [InlineData("\"displayName:megan\" \"mail:x\"")] // no operator
    [InlineData("\"displayName:a\\b\"")] // bad escape
    [InlineData("\"displayName:megan\" OR")] // dangling operator
    public async Task Malformed_search_is_400_bad_request(string search)
    {
        using var response = await emulator.GetEventualAsync("/v1.0/users?$search=" + Uri.EscapeDataString(search));
        var message = await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
        Assert.StartsWith("Invalid $search value", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsearchable_property_is_unsupported_query()
    {
        using var response = await emulator.GetEventualAsync("/v1.0/users?$search=" + Uri.EscapeDataString("\"accountEnabled:true\""));
        await EmulatorFixture.AssertErrorAsync(response, 400, "Request_UnsupportedQuery");
    }
}
