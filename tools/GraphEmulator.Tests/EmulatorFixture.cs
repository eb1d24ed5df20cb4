using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Starts one in-process emulator on an OS-chosen port for a test class and talks plain HTTP to it.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const string Domain = "M365x214355.onmicrosoft.com";

    private RunningEmulator? _emulator;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A default application token (User.Read.All, User-PasswordProfile.ReadWrite.All; wids Privileged Authentication Administrator).</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>An application token that may also PATCH other properties (adds User.ReadWrite.All).</summary>
    public string WriteToken { get; private set; } = string.Empty;

    public const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";

    protected virtual int SyntheticUsers => 0;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(EmulatorOptions.WithDefaultFiles(port: 0, SyntheticUsers), CancellationToken.None);
        Client = new HttpClient { BaseAddress = _emulator.BaseUri };
        Token = await IssueTokenAsync();
        WriteToken = await IssueTokenAsync(
            $$"""{"roles":["User.Read.All","User-PasswordProfile.ReadWrite.All","User.ReadWrite.All"],"wids":["{{PrivilegedAuthenticationAdministrator}}"]}""");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public async Task<string> IssueTokenAsync(string body = "{}")
    {
        using var response = await Client.PostAsync("/_emulator/tokens", Json(body));
        response.EnsureSuccessStatusCode();
        return (string)(await ReadJsonAsync(response))["access_token"]!;
    }

    public async Task ResetAsync()
    {
        using var response = await Client.PostAsync("/_emulator/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends a Graph request; <paramref name="path"/> goes on the wire exactly as written.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token: token);

    /// <summary>GET with the advanced-query header ConsistencyLevel: eventual (graph-facts §4).</summary>
    public Task<HttpResponseMessage> GetEventualAsync(string path, string? token = null) =>
        SendAsync(HttpMethod.Get, path, token: token, configure: r => r.Headers.Add("ConsistencyLevel", "eventual"));

    public Task<HttpResponseMessage> PatchAsync(string path, string body, string? token = null) => SendAsync(HttpMethod.Patch, path, body, token);

    public async Task<JsonObject> GetJsonAsync(string path, bool eventual = false)
    {
        using var response = eventual ? await GetEventualAsync(path) : await GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>The stored user with its password, from the control surface.</summary>
    public async Task<JsonObject> ControlUserAsync(string key)
    {
        using var response = await Client.GetAsync("/_emulator/users/" + Uri.EscapeDataString(key));
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts Graph's error envelope: status, code, innerError ids matching the headers.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var body = await ReadJsonAsync(response);
        var error = body["error"]!.AsObject();
        Assert.Equal(code, (string)error["code"]!);
        var inner = error["innerError"]!.AsObject();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", (string)inner["date"]!);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string)inner["request-id"]!);
        Assert.Equal(response.Headers.GetValues("client-request-id").Single(), (string)inner["client-request-id"]!);
        return (string)error["message"]!;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

/// <summary>42 seed users + 2,458 synthetic = 2,500, for paging.</summary>
public sealed class LargeTenantFixture : EmulatorFixture
{
    public const int Total = 2500;

    protected override int SyntheticUsers => Total - 42;
}
