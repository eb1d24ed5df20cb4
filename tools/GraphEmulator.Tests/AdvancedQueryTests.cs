using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>graph-facts §4: which queries need ConsistencyLevel: eventual and $count=true.</summary>
public sealed class AdvancedQueryTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string SearchMessage =
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

    private static string OperatorMessage(string op) =>
        $"Operator '{op}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information";

    private static string Filter(string filter) => "$filter=" + Uri.EscapeDataString(filter);

    [Fact]
    public async Task Search_needs_the_header_only()
    {
        var search = "/v1.0/users?$search=" + Uri.EscapeDataString("\"displayName:megan\"");
        using (var without = await emulator.GetAsync(search))
        {
            Assert.Equal(SearchMessage, await EmulatorFixture.AssertErrorAsync(without, 400, "Request_UnsupportedQuery"));
        }

        using var with = await emulator.GetEventualAsync(search);
        Assert.Equal(200, (int)with.StatusCode);
        var body = await EmulatorFixture.ReadJsonAsync(with);
        Assert.Null(body["@odata.count"]);
        Assert.Single(body["value"]!.AsArray());
    }

    [Theory]
    [InlineData("endsWith(mail,'@M365x214355.onmicrosoft.com')", "endsWith")]
    [InlineData("userType ne 'Guest'", "ne")]
    [InlineData("not(userType eq 'Guest')", "not")]
    public async Task Advanced_operators_need_header_and_count(string filter, string op)
    {
        foreach (var (query, eventual) in new[] { (Filter(filter), false), (Filter(filter), true), (Filter(filter) + "&$count=true", false) })
        {
            using var response = eventual ? await emulator.GetEventualAsync("/v1.0/users?" + query) : await emulator.GetAsync("/v1.0/users?" + query);
            Assert.Equal(OperatorMessage(op), await EmulatorFixture.AssertErrorAsync(response, 400, "Request_UnsupportedQuery"));
        }

        using var ok = await emulator.GetEventualAsync("/v1.0/users?$count=true&" + Filter(filter));
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.NotNull((await EmulatorFixture.ReadJsonAsync(ok))["@odata.count"]);
    }

    [Fact]
    public async Task Count_parameter_needs_the_header()
    {
        using (var without = await emulator.GetAsync("/v1.0/users?$count=true"))
        {
            var message = await EmulatorFixture.AssertErrorAsync(without, 400, "Request_UnsupportedQuery");
            Assert.Contains("ConsistencyLevel:eventual", message, StringComparison.Ordinal);
        }

        var body = await emulator.GetJsonAsync("/v1.0/users?$count=true&$top=1", eventual: true);
        Assert.Equal(42, (int)body["@odata.count"]!);
    }

    [Fact]
    public async Task Count_segment_needs_the_header()
    {
        using (var without = await emulator.GetAsync("/v1.0/users/$count"))
        {
            await EmulatorFixture.AssertErrorAsync(without, 400, "Request_UnsupportedQuery");
        }

        using var with = await emulator.GetEventualAsync("/v1.0/users/$count?" + Filter("userType ne 'Guest'"));
        Assert.Equal(200, (int)with.StatusCode);
        Assert.Equal("38", await with.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Filter_with_orderby_needs_header_and_count()
    {
        var query = "/v1.0/users?$orderby=displayName&" + Filter("userType eq 'Member'");
        using (var without = await emulator.GetAsync(query))
        {
            Assert.Equal("Sorting not supported for current query.", await EmulatorFixture.AssertErrorAsync(without, 400, "Request_UnsupportedQuery"));
        }

        using (var headerOnly = await emulator.GetEventualAsync(query))
        {
            await EmulatorFixture.AssertErrorAsync(headerOnly, 400, "Request_UnsupportedQuery");
        }

        Assert.Equal(200, (int)(await emulator.GetEventualAsync(query + "&$count=true")).StatusCode);
    }

    [Theory]
    [InlineData("userPrincipalName eq 'AdeleV@M365x214355.onmicrosoft.com'")]
    [InlineData("startsWith(displayName,'Adele') or userType in ('Guest')")]
    public async Task Basic_filters_and_orderby_alone_need_nothing(string filter)
    {
        Assert.Equal(200, (int)(await emulator.GetAsync("/v1.0/users?" + Filter(filter))).StatusCode);
        Assert.Equal(200, (int)(await emulator.GetAsync("/v1.0/users?$orderby=displayName")).StatusCode);
    }
}
