using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator;

/// <summary>
/// Pipeline stage for every Graph exchange (direct, /$batch, inner): buffers the body, works out the route
/// from the raw target, attaches the <see cref="GraphExchange"/>, and records the request in the
/// <see cref="RequestLog"/> once answered, whatever the outcome (401s and injected faults included). Each
/// entry names the tenant it was served from: the token's tid (read without validation when the token was
/// refused; the default tenant without a token or when the tid is no tenant hosted here, so every entry stays
/// readable through /_emulator/requests).
/// </summary>
internal sealed class RequestRecorder(RequestLog log, TokenService tokens, TenantDirectory tenants)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var sequence = log.NextSequence();
        var received = DateTimeOffset.UtcNow;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var route = GraphPathParser.Parse(rawTarget);
        var batch = BatchLink.Of(context);
        var exchange = new GraphExchange
        {
            Kind = batch is not null ? ExchangeKind.Inner
                : route.Kind == GraphRouteKind.Batch && HttpMethods.IsPost(context.Request.Method) ? ExchangeKind.Batch
                : ExchangeKind.Direct,
            Sequence = sequence,
            RawTarget = rawTarget,
            Route = route,
            Body = await ReadBodyAsync(context).ConfigureAwait(false),
            Batch = batch,
        };
        exchange.AttachTo(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var tenantId = TenantOf(context);
            log.Add(sequence, tenantId, context.Request.Method, Entry(context, exchange, tenantId, received));
            if (exchange.CloseConnection)
            {
                context.Abort(); // nothing was sent yet: the client sees the connection close, after the entry exists
            }
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

    private static JsonObject Entry(HttpContext context, GraphExchange exchange, string tenantId, DateTimeOffset received)
    {
        var rawTarget = exchange.RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = exchange.RawPath;
        var headers = context.Request.Headers;
        return new JsonObject
        {
            ["sequence"] = exchange.Sequence,
            ["tenantId"] = tenantId,
            ["time"] = received.ToString("O", CultureInfo.InvariantCulture),
            ["method"] = context.Request.Method,
            ["rawPath"] = rawPath,
            ["path"] = Uri.UnescapeDataString(rawPath),
            ["query"] = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..],
            ["key"] = exchange.Route.Key, // user routes only: /users/{key} and what lies under it
            ["headers"] = new JsonObject
            {
                ["ConsistencyLevel"] = HeaderOrNull(headers, "ConsistencyLevel"),
                ["client-request-id"] = HeaderOrNull(headers, "client-request-id"),
                ["Content-Type"] = HeaderOrNull(headers, "Content-Type"),
                ["hasAuthorization"] = headers.Authorization.Count > 0,
            },
            ["body"] = ParseRedacted(exchange.Body),

            // What the emulator answered; null when the connection was closed before any answer (drop, hang).
            ["status"] = exchange.Unanswered ? null : context.Response.StatusCode,
            ["requestId"] = RequestCorrelation.Of(context).RequestId,
            ["fault"] = exchange.Fault,
            ["batchSequence"] = exchange.Batch?.BatchSequence,
            ["batchRequestId"] = exchange.Batch?.RequestId,
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
