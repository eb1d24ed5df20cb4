using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using PasswordReset.Auth;
using PasswordReset.Graph;
using PasswordReset.Graph.Batching;

namespace PasswordReset.Tests.Engine.Batching;

/// <summary>One <c>$batch</c> POST as the in-memory server received it.</summary>
internal sealed record BatchPost(HttpRequestMessage Request, string Body, TimeSpan At)
{
    public JsonArray Requests => (JsonArray)JsonNode.Parse(Body)!["requests"]!;

    public IEnumerable<JsonObject> Inner => Requests.Select(r => (JsonObject)r!);
}

/// <summary>
/// The final HTTP handler under the real Graph SDK pipeline: records every request and answers it with
/// <see cref="Respond"/> (which may throw to simulate a dropped connection). Thread-safe.
/// </summary>
internal sealed class BatchServer : HttpMessageHandler
{
    private readonly ConcurrentQueue<BatchPost> _posts = new();
    private readonly FakeBatchTime? _time;

    public BatchServer(FakeBatchTime? time = null) => _time = time;

    public Func<BatchPost, int, Task<HttpResponseMessage>> Respond { get; set; } = (post, _) => Task.FromResult(AllOk(post));

    /// <summary>Which requests (by index) never get an answer.</summary>
    public Func<int, bool> Hangs { get; set; } = _ => false;

    public IReadOnlyList<BatchPost> Posts => _posts.ToArray();

    private int _count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var post = new BatchPost(request, body, _time?.Now ?? TimeSpan.Zero);
        _posts.Enqueue(post);
        int index = Interlocked.Increment(ref _count) - 1;
        if (Hangs(index)) await Task.Delay(Timeout.Infinite, cancellationToken); // until the client gives up
        return await Respond(post, index);
    }

    /// <summary>Every inner request answered with <paramref name="status"/> (204 for writes, 200 with an id for reads by default).</summary>
    public static HttpResponseMessage AllOk(BatchPost post) =>
        Json(HttpStatusCode.OK, Responses(post.Inner.Select(r => Inner(r, (string)r["method"]! == "GET" ? 200 : 204))));

    public static JsonObject Inner(JsonObject request, int status, string? retryAfter = null, string? percentage = null, string? errorCode = null)
    {
        var headers = new JsonObject { ["request-id"] = "rid-" + (string)request["id"]! };
        if (retryAfter != null) headers["Retry-After"] = retryAfter;
        if (percentage != null) headers["x-ms-throttle-limit-percentage"] = percentage;
        var answer = new JsonObject { ["id"] = (string)request["id"]!, ["status"] = status, ["headers"] = headers };
        if (status == 200) answer["body"] = new JsonObject { ["id"] = "00000000-0000-0000-0000-00000000000" + (string)request["id"]! };
        if (status >= 400) answer["body"] = new JsonObject { ["error"] = new JsonObject { ["code"] = errorCode ?? "Code" + status, ["message"] = "Message " + status } };
        return answer;
    }

    public static string Responses(IEnumerable<JsonObject> answers) => new JsonObject { ["responses"] = new JsonArray(answers.Cast<JsonNode>().ToArray()) }.ToJsonString();

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        response.Headers.Add("request-id", "outer-rid");
        if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }
}

/// <summary>Time that moves only when someone waits: every delay is recorded and returns at once.</summary>
internal sealed class FakeBatchTime : IBatchTime
{
    private long _ticks;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        _delays.Enqueue(delay);
        if (delay > TimeSpan.Zero) Advance(delay);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

internal static class BatchKit
{
    public const string Password = "Sekrit-Pa55word!";

    public static GraphConnection Connection(HttpMessageHandler handler)
    {
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        return GraphConnectionFactory.Create(CredentialFactory.ForAccessToken(credential, GraphEnvironment.Global), GraphEnvironment.Global, new Uri("http://127.0.0.1:5080"), finalHandler: handler);
    }

    public static BatchDispatcher Dispatcher(BatchServer server, FakeBatchTime time, BatchDispatcherOptions? options = null, List<BatchEvent>? events = null)
    {
        options ??= new BatchDispatcherOptions();
        options.Linger = TimeSpan.Zero;
        var sink = events is null ? null : new Action<BatchEvent>(e => { lock (events) events.Add(e); });
        return new BatchDispatcher(new GraphBatchTransport(Connection(server)), options, time, sink, backoffSeed: 7);
    }

    public static GraphCall Patch(string id) =>
        new("PATCH", "/users/" + id, "{\"passwordProfile\":{\"password\":\"" + Password + "\",\"forceChangePasswordNextSignIn\":true}}", label: id + "@contoso.com");

    public static GraphCall Get(string key) => new("GET", "/users/" + key + "?$select=id", label: key);
}
