using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator;

/// <summary>
/// Turns one step of a batch into a request on a synthetic <see cref="DefaultHttpContext"/> that
/// <see cref="GraphRequestPipeline"/> answers exactly as it answers a direct request, and reads the answer
/// back as the step's {id, status, headers, body}. The raw target is /v1.0 + the step's url as sent, so the
/// key is decoded once by the same <see cref="GraphPathParser"/>; a fragment ('#' and after) is dropped as
/// any URL parser would, since a fragment never reaches a server.
/// </summary>
internal sealed class InnerRequest
{
    private readonly MemoryStream _responseBody = new();

    private InnerRequest(HttpContext outer, BatchStep step, long batchSequence)
    {
        Id = step.Id;
        var url = step.Url;
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            url = url[..fragment];
        }

        var rawTarget = "/v1.0" + (url.StartsWith('/') ? url : "/" + url);
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];

        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in step.Headers)
        {
            headers.Append(name, value);
        }

        // The outer request's token (graph-facts §5: each inner request is evaluated on its own, with it); an inner
        // Authorization header is replaced. The caller itself is taken over below, not validated again.
        headers.Authorization = outer.Request.Headers.Authorization;
        headers.Host = outer.Request.Headers.Host;
        var body = step.Body ?? [];
        headers.ContentLength = body.Length;

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = outer.Request.Protocol,
            Scheme = outer.Request.Scheme,
            Method = step.Method,
            PathBase = "/v1.0",
            Path = PathString.FromUriComponent(rawPath[5..]).Value ?? "/",
            QueryString = queryStart < 0 ? string.Empty : rawTarget[queryStart..],
            RawTarget = rawTarget,
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(_responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = outer.RequestAborted });
        Context = new DefaultHttpContext(features) { RequestServices = outer.RequestServices };
        new BatchLink(batchSequence, step.Id).AttachTo(Context);

        // The outer request was authenticated once; its caller (token claims) is the inner request's caller.
        CallerIdentity.Of(outer)?.AttachTo(Context);
    }

    public string Id { get; }

    public DefaultHttpContext Context { get; }

    public static InnerRequest Create(HttpContext outer, BatchStep step, long batchSequence) => new(outer, step, batchSequence);

    /// <summary>The answer as a batch response item: JSON bodies inline, text bodies as a string, no body for none (204).</summary>
    public async Task<JsonObject> ReadAsync()
    {
        var response = Context.Response;
        await response.CompleteAsync().ConfigureAwait(false); // flushes what was written through the body writer
        var headers = new JsonObject();
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value.ToString();
        }

        var item = new JsonObject { ["id"] = Id, ["status"] = response.StatusCode, ["headers"] = headers };
        var body = _responseBody.ToArray();
        if (body.Length > 0)
        {
            item["body"] = IsJson(response.ContentType) ? ParseOrText(body) : JsonValue.Create(Encoding.UTF8.GetString(body));
        }

        return item;
    }

    /// <summary>A step that never ran because a request it depends on failed (graph-facts §5: 424).</summary>
    public static JsonObject FailedDependency(string id, RequestCorrelation correlation) => new()
    {
        ["id"] = id,
        ["status"] = StatusCodes.Status424FailedDependency,
        ["headers"] = new JsonObject { ["Content-Type"] = JsonResponse.ContentType },

        // Emulator wording: Graph documents the status, not the body.
        ["body"] = GraphErrors.Envelope("FailedDependency", "The request was not run because a request it depends on failed.", correlation, DateTime.UtcNow),
    };

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase);

    private static JsonNode? ParseOrText(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(body));
        }
    }
}
