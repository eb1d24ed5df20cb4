using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class KeyDecodingTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string GuestId = "cc6f6567-3cb6-4e7a-b850-3d0e2de37026";
    private const string CiaraId = "992fb6c1-5990-4344-a9f1-bd99018edbb1";
    private const string DollarAdminId = "aea93cec-f288-451a-be1d-3af1c1404b4c";
    private const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

    [Theory]
    [InlineData("/v1.0/users/AdeleV%40M365x214355.onmicrosoft.com", AdeleId)]
    [InlineData("/v1.0/users/adelev@m365x214355.onmicrosoft.com", AdeleId)]
    [InlineData("/v1.0/users/87D349ED-44D7-43E1-9A83-5F2406DEE5BD", AdeleId)]
    [InlineData("/v1.0/users('AdeleV@M365x214355.onmicrosoft.com')", AdeleId)]
    [InlineData("/v1.0/users(userPrincipalName='AdeleV%40M365x214355.onmicrosoft.com')", AdeleId)]
    [InlineData("/v1.0/users/a_contoso.com%23EXT%23%40M365x214355.onmicrosoft.com", GuestId)]
    [InlineData("/v1.0/users/a_contoso.com%23EXT%23@M365x214355.onmicrosoft.com", GuestId)]
    [InlineData("/v1.0/users/Ciara.O%27Neil%40M365x214355.onmicrosoft.com", CiaraId)]
    [InlineData("/v1.0/users('Ciara.O''Neil@M365x214355.onmicrosoft.com')", CiaraId)]
    [InlineData("/v1.0/users(userPrincipalName='Ciara.O%27%27Neil%40M365x214355.onmicrosoft.com')", CiaraId)]
    [InlineData("/v1.0/users('$AdeleVance@M365x214355.onmicrosoft.com')", DollarAdminId)]
    [InlineData("/v1.0/users(userPrincipalName='%24AdeleVance%40M365x214355.onmicrosoft.com')", DollarAdminId)]
    public async Task Every_key_form_finds_the_user(string path, string expectedId)
    {
        var body = await emulator.GetJsonAsync(path + "?%24select=id");
        Assert.Equal(expectedId, (string)body["id"]!);
        Assert.EndsWith("/v1.0/$metadata#users(id)/$entity", (string)body["@odata.context"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1.0/users/%24AdeleVance%40M365x214355.onmicrosoft.com")]
    [InlineData("/v1.0/users/$AdeleVance@M365x214355.onmicrosoft.com")]
    public async Task Plain_key_starting_with_dollar_is_400(string path)
    {
        using var response = await emulator.GetAsync(path);
        await EmulatorFixture.AssertErrorAsync(response, 400, "Request_BadRequest");
    }

    [Fact]
    public async Task Key_is_decoded_exactly_once()
    {
        // %2540 decodes once to the literal text "%40", which is no user.
        using var response = await emulator.GetAsync("/v1.0/users/AdeleV%2540M365x214355.onmicrosoft.com");
        var message = await EmulatorFixture.AssertErrorAsync(response, 404, "Request_ResourceNotFound");
        Assert.Equal("Resource 'AdeleV%40M365x214355.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.", message);
    }

    [Fact]
    public async Task Malformed_literal_in_key_is_400()
    {
        using var response = await emulator.GetAsync("/v1.0/users('Ciara.O'Neil@M365x214355.onmicrosoft.com')");
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_segment_and_wrong_method_follow_graph()
    {
        using (var groups = await emulator.GetAsync("/v1.0/groups"))
        {
            Assert.Equal("Resource not found for the segment 'groups'.", await EmulatorFixture.AssertErrorAsync(groups, 400, "BadRequest"));
        }

        using (var delete = await emulator.SendAsync(HttpMethod.Delete, "/v1.0/users/AdeleV@M365x214355.onmicrosoft.com"))
        {
            Assert.Equal("Specified HTTP method is not allowed for the request target.", await EmulatorFixture.AssertErrorAsync(delete, 405, "Request_BadRequest"));
        }
    }

    [Fact]
    public async Task Responses_carry_graph_headers()
    {
        var clientRequestId = Guid.NewGuid().ToString();
        using var response = await emulator.SendAsync(HttpMethod.Get, "/v1.0/users/nobody@nowhere", configure: r => r.Headers.Add("client-request-id", clientRequestId));
        Assert.Equal(clientRequestId, response.Headers.GetValues("client-request-id").Single());
        Assert.True(Guid.TryParse(response.Headers.GetValues("request-id").Single(), out _));
        Assert.Equal(
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
            response.Content.Headers.NonValidated["Content-Type"].ToString()); // as sent, before HttpClient re-formats it
        await EmulatorFixture.AssertErrorAsync(response, 404, "Request_ResourceNotFound");
    }

    [Fact]
    public async Task Control_surface_reads_by_id_or_upn()
    {
        var byUpn = await emulator.ControlUserAsync("a_contoso.com#EXT#@m365x214355.onmicrosoft.com");
        Assert.Equal(GuestId, (string)byUpn["id"]!);
        Assert.Equal(0, (int)byUpn["passwordResetCount"]!);
        using var missing = await emulator.Client.GetAsync("/_emulator/users/nobody");
        Assert.Equal(404, (int)missing.StatusCode);
    }
}
