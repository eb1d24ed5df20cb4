using Xunit;
using System.Collections.Concurrent;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;

namespace PasswordReset.Tests.Engine.Resets;

/// <summary>An in-memory <see cref="IGraphCaller"/> for engine-logic tests: answers lookups from a user table and records every call.</summary>
internal sealed class FakeGraphCaller : IGraphCaller
{
    private readonly ConcurrentDictionary<string, string> _usersByKey = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<GraphCall> Calls { get; } = new();

    /// <summary>Decides a PATCH's answer; default 204.</summary>
    public Func<GraphCall, Task<GraphAnswer>>? OnPatch { get; set; }

    /// <summary>Decides a POST's answer; default: revokeSignInSessions 200 <c>{"value":true}</c>, a pass 201 with code "Tap-n".</summary>
    public Func<GraphCall, Task<GraphAnswer>>? OnPost { get; set; }

    private int _passes;

    /// <summary>Runs before a call is answered (e.g. to read the journal at that moment).</summary>
    public Action<GraphCall>? BeforeAnswer { get; set; }

    public FakeGraphCaller WithUser(string id, string upn, string? displayName = null, string extraJson = "")
    {
        string json = $"{{\"id\":\"{id}\",\"userPrincipalName\":\"{upn}\",\"displayName\":\"{displayName ?? upn}\"{extraJson}}}";
        _usersByKey[id] = json;
        _usersByKey[upn] = json;
        return this;
    }

    public IEnumerable<GraphCall> Patches => Calls.Where(c => c.Method == "PATCH");

    public IEnumerable<GraphCall> Posts => Calls.Where(c => c.Method == "POST");

    public async Task<GraphAnswer> SendAsync(GraphCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        Calls.Enqueue(call);
        BeforeAnswer?.Invoke(call);
        if (call.Method == "GET")
        {
            string path = call.RelativeUrl.Split('?')[0];
            string key = Uri.UnescapeDataString(path.StartsWith("/users(", StringComparison.Ordinal)
                ? path["/users(userPrincipalName='".Length..^2].Replace("''", "'", StringComparison.Ordinal)
                : path["/users/".Length..]);
            return _usersByKey.TryGetValue(key, out string? json)
                ? Answer(200, json)
                : Answer(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource '" + key + "' does not exist.\",\"innerError\":{\"request-id\":\"rid-404\"}}}");
        }

        if (call.Method == "POST") return OnPost is null ? DefaultPost(call) : await OnPost(call);
        return OnPatch is null ? Answer(204, null, "rid-204") : await OnPatch(call);
    }

    private GraphAnswer DefaultPost(GraphCall call)
    {
        if (call.RelativeUrl.EndsWith("/revokeSignInSessions", StringComparison.Ordinal)) return Answer(200, "{\"value\":true}", "rid-revoke");
        int n = Interlocked.Increment(ref _passes);
        return Answer(201, PassBody($"Tap-{n}", 60, isUsableOnce: false), $"rid-tap-{n}");
    }

    public static string PassBody(string code, int lifetime, bool isUsableOnce) =>
        "{\"@odata.type\":\"#microsoft.graph.temporaryAccessPassAuthenticationMethod\",\"id\":\"" + Guid.NewGuid() + "\",\"temporaryAccessPass\":\"" + code +
        "\",\"createdDateTime\":\"2024-05-01T10:00:00Z\",\"startDateTime\":\"2024-05-01T10:00:00Z\",\"lifetimeInMinutes\":" + lifetime +
        ",\"isUsableOnce\":" + (isUsableOnce ? "true" : "false") + ",\"isUsable\":true,\"methodUsabilityReason\":\"EnabledByPolicy\"}";

    public static GraphAnswer Answer(int status, string? body, string requestId = "rid") =>
        new(status, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["request-id"] = requestId }, body, 1);

    public static GraphAnswer Error(int status, string code, string message) =>
        Answer(status, $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"{message}\",\"innerError\":{{\"request-id\":\"rid-{status}\"}}}}}}");

    public static string PasswordOf(GraphCall patch) =>
        System.Text.Json.JsonDocument.Parse(patch.BodyJson!).RootElement.GetProperty("passwordProfile").GetProperty("password").GetString()!;

    public static GraphRequestException Unknown() =>
        new(503, null, "Service unavailable", null, null, null) { MayHaveBeenApplied = true };
}

/// <summary>Typed views of a run's results.</summary>
internal static class RunEventResults
{
    public static PasswordResetResult Reset(this PasswordReset.Runs.UserSucceeded success) => Assert.IsType<PasswordResetResult>(success.Result);
}
