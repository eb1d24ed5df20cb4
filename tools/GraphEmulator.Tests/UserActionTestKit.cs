using System.Text.Json.Nodes;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Users, roles, tokens and requests shared by the tests of revokeSignInSessions, Temporary Access Passes and fault rules.</summary>
internal static class UserActionTestKit
{
    public const string Adele = "AdeleV@M365x214355.onmicrosoft.com"; // no role
    public const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    public const string Alex = "AlexW@M365x214355.onmicrosoft.com";
    public const string AlexId = "4782e723-f4f4-4af3-a76e-25e3bab0d896";
    public const string Megan = "MeganB@M365x214355.onmicrosoft.com";
    public const string GlobalAdmin = "admin@M365x214355.onmicrosoft.com";
    public const string GlobalAdminId = "5bde3e51-d13b-4db1-9948-fe4b109d11a7";
    public const string PrivAuthAdmin = "AllanD@M365x214355.onmicrosoft.com";
    public const string UserAdmin = "NestorW@M365x214355.onmicrosoft.com";
    public const string HelpdeskAdmin = "kakers@M365x214355.onmicrosoft.com";
    public const string PasswordAdmin = "DebraB@M365x214355.onmicrosoft.com";
    public const string Guest = "a_contoso.com#EXT#@M365x214355.onmicrosoft.com";
    public const string GuestId = "cc6f6567-3cb6-4e7a-b850-3d0e2de37026";

    public const string GlobalAdministratorRole = "62e90394-69f5-4237-9190-012177145e10";
    public const string PrivilegedAuthenticationAdministratorRole = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    public const string AuthenticationAdministratorRole = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    public const string UserAdministratorRole = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public const string HelpdeskAdministratorRole = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    public const string GlobalReaderRole = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    public const string Denied = "Insufficient privileges to complete the operation.";

    public static string UserPath(string key) => "/v1.0/users/" + Uri.EscapeDataString(key);

    public static string RevokePath(string key) => UserPath(key) + "/revokeSignInSessions";

    public static string PassesPath(string key) => UserPath(key) + "/authentication/temporaryAccessPassMethods";

    /// <summary>An app-only token with these roles (application permissions) and directory roles.</summary>
    public static Task<string> AppTokenAsync(this EmulatorFixture emulator, string[] roles, params string[] wids) => emulator.IssueTokenAsync(new JsonObject
    {
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
        ["wids"] = new JsonArray([.. wids.Select(w => (JsonNode)w)]),
    }.ToJsonString());

    /// <summary>A delegated token (scp) of the signed-in user <paramref name="oid"/> holding <paramref name="wids"/>.</summary>
    public static Task<string> DelegatedTokenAsync(this EmulatorFixture emulator, string scp, string? oid, params string[] wids)
    {
        var claims = new JsonObject { ["scp"] = scp, ["wids"] = new JsonArray([.. wids.Select(w => (JsonNode)w)]) };
        if (oid is not null)
        {
            claims["oid"] = oid;
        }

        return emulator.IssueTokenAsync(claims.ToJsonString());
    }

    public static Task<HttpResponseMessage> PostAsync(this EmulatorFixture emulator, string path, string? body, string token) =>
        emulator.SendAsync(HttpMethod.Post, path, body, token);

    public static async Task<JsonArray> ControlArrayAsync(this EmulatorFixture emulator, string path)
    {
        using var response = await emulator.Client.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public static async Task<List<JsonObject>> RequestLogAsync(this EmulatorFixture emulator, string query = "")
    {
        using var response = await emulator.Client.GetAsync("/_emulator/requests" + query);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!.AsObject())];
    }

    public static async Task<JsonArray> ContractViolationsAsync(this EmulatorFixture emulator)
    {
        using var response = await emulator.Client.GetAsync("/_emulator/contract/violations");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public static async Task ClearContractViolationsAsync(this EmulatorFixture emulator)
    {
        using var response = await emulator.Client.DeleteAsync("/_emulator/contract/violations");
        Assert.Equal(204, (int)response.StatusCode);
    }

    public static async Task<JsonObject> ControlPostAsync(this EmulatorFixture emulator, string path, string json, int expected = 200)
    {
        using var response = await emulator.Client.PostAsync(path, EmulatorFixture.Json(json));
        Assert.Equal(expected, (int)response.StatusCode);
        return await EmulatorFixture.ReadJsonAsync(response);
    }

    /// <summary>A $batch step with a JSON body (a POST in a batch needs one: "{}" for revokeSignInSessions).</summary>
    public static JsonObject Step(string id, string method, string url, JsonObject? body = null)
    {
        var step = new JsonObject { ["id"] = id, ["method"] = method, ["url"] = url };
        if (body is not null)
        {
            step["headers"] = new JsonObject { ["Content-Type"] = "application/json" };
            step["body"] = body;
        }

        return step;
    }

    public static async Task<Dictionary<string, JsonObject>> BatchAsync(this EmulatorFixture emulator, string token, params JsonObject[] steps)
    {
        using var response = await emulator.SendAsync(HttpMethod.Post, "/v1.0/$batch", BatchTests.Batch(steps), token);
        Assert.Equal(200, (int)response.StatusCode);
        return (await EmulatorFixture.ReadJsonAsync(response))["responses"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["id"]!);
    }
}
