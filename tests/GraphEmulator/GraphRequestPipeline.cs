using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator;

/// <summary>
/// First step for every /v1.0 request: buffers the body (handlers and the log both need it), works
/// out the route from the raw target, and records the request in the <see cref="RequestLog"/> once
/// answered, whatever the outcome (401s included). Each entry names the tenant it was served from: the
/// token's tid (read without validation when the token was refused; the default tenant without a token or
/// when the tid is no tenant hosted here, so every entry stays readable through /_emulator/requests).
/// </summary>
internal sealed class GraphRequestPipeline(RequestLog log, TokenService tokens, TenantDirectory tenants)
{
    private const string BodyKey = "GraphEmulator.Body";
    private const string SequenceKey = "GraphEmulator.Sequence";
    private const int MaxBodyBytes = 1024 * 1024;

    public static byte[] BodyOf(HttpContext context) =>
        context.Items.TryGetValue(BodyKey, out var value) && value is byte[] bytes ? bytes : [];

    /// <summary>The request-log sequence number of this request (0 outside /v1.0).</summary>
    public static long SequenceOf(HttpContext context) =>
        context.Items.TryGetValue(SequenceKey, out var value) && value is long sequence ? sequence : 0;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var sequence = log.NextSequence();
        context.Items[SequenceKey] = sequence;
        var received = DateTimeOffset.UtcNow;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var route = GraphPathParser.Parse(rawTarget);
        route.AttachTo(context);

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        context.Items[BodyKey] = body;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            log.Add(sequence, Entry(context, sequence, TenantOf(context), received, rawTarget, route, body));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.Length > MaxBodyBytes
            ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
            : buffer.ToArray();
    }

    private string TenantOf(HttpContext context) =>
        CallerIdentity.Of(context)?.TenantId
        ?? tenants.Find(tokens.ReadTenantId(GraphAuthentication.BearerToken(context.Request.Headers.Authorization.ToString())))?.Id
        ?? tenants.Default.Id;

    private static JsonObject Entry(HttpContext context, long sequence, string tenantId, DateTimeOffset received, string rawTarget, GraphRoute route, byte[] body)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var headers = context.Request.Headers;
        return new JsonObject
        {
            ["sequence"] = sequence,
            ["tenantId"] = tenantId,
            ["time"] = received.ToString("O", CultureInfo.InvariantCulture),
            ["method"] = context.Request.Method,
            ["rawPath"] = rawPath,
            ["path"] = Uri.UnescapeDataString(rawPath),
            ["query"] = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..],
            ["key"] = route.Kind == GraphRouteKind.User ? route.Key : null,
            ["headers"] = new JsonObject
            {
                ["ConsistencyLevel"] = HeaderOrNull(headers, "ConsistencyLevel"),
                ["client-request-id"] = HeaderOrNull(headers, "client-request-id"),
                ["Content-Type"] = HeaderOrNull(headers, "Content-Type"),
                ["hasAuthorization"] = headers.Authorization.Count > 0,
            },
            ["body"] = ParseRedacted(body),
            ["status"] = context.Response.StatusCode,
            ["requestId"] = RequestCorrelation.Of(context).RequestId,
        };
    }

    private static string? HeaderOrNull(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static JsonNode? ParseRedacted(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return PasswordRedactor.Redact(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            return null; // not JSON: logged as null rather than raw text that might hold a password
        }
    }
}
