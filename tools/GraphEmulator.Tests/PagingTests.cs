using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class PagingTests(LargeTenantFixture emulator) : IClassFixture<LargeTenantFixture>
{
    [Fact]
    public async Task Following_nextLink_returns_every_user_once()
    {
        var ids = new List<string>();
        string? next = "/v1.0/users?%24select=id,userPrincipalName&%24count=true";
        var pages = 0;
        while (next is not null)
        {
            var body = await emulator.GetJsonAsync(next, eventual: true);
            pages++;
            if (pages == 1)
            {
                Assert.Equal(LargeTenantFixture.Total, (int)body["@odata.count"]!);
            }
            else
            {
                Assert.Null(body["@odata.count"]); // first page only
            }

            var value = body["value"]!.AsArray();
            Assert.True(value.Count <= 100);
            ids.AddRange(value.Select(u => (string)u!["id"]!));
            next = (string?)body["@odata.nextLink"];
            if (next is not null)
            {
                Assert.StartsWith(emulator.Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/v1.0/users?", next, StringComparison.Ordinal);
                Assert.Contains("%24select=id,userPrincipalName", next, StringComparison.Ordinal);
                Assert.Contains("$skiptoken=", next, StringComparison.Ordinal);
            }
        }

        Assert.Equal(25, pages);
        Assert.Equal(LargeTenantFixture.Total, ids.Count);
        Assert.Equal(LargeTenantFixture.Total, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Top_999_pages_and_filter_spans_pages()
    {
        var first = await emulator.GetJsonAsync("/v1.0/users?$top=999&$select=id");
        Assert.Equal(999, first["value"]!.AsArray().Count);
        Assert.NotNull(first["@odata.nextLink"]);

        var filtered = new List<string>();
        string? next = "/v1.0/users?$top=250&$select=department&$filter=" + Uri.EscapeDataString("department eq 'Engineering'");
        while (next is not null)
        {
            var body = await emulator.GetJsonAsync(next, eventual: true);
            filtered.AddRange(body["value"]!.AsArray().Select(u => (string)u!["department"]!));
            next = (string?)body["@odata.nextLink"];
        }

        Assert.Equal(2 + 615, filtered.Count); // 2 seed users + synthetic 1, 5, 9, ... of 2,458
        Assert.All(filtered, d => Assert.Equal("Engineering", d));
    }

    [Fact]
    public async Task Skiptoken_from_another_query_is_rejected()
    {
        var body = await emulator.GetJsonAsync("/v1.0/users?$select=id");
        var next = (string)body["@odata.nextLink"]!;
        var token = next[(next.IndexOf("$skiptoken=", StringComparison.Ordinal) + "$skiptoken=".Length)..];

        using var other = await emulator.GetAsync("/v1.0/users?$select=displayName&$skiptoken=" + token);
        await EmulatorFixture.AssertErrorAsync(other, 400, "Request_BadRequest");

        using var garbage = await emulator.GetAsync("/v1.0/users?$select=id&$skiptoken=not-a-token");
        await EmulatorFixture.AssertErrorAsync(garbage, 400, "Request_BadRequest");
    }
}
