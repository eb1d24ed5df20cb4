using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>Writes JSON bodies the way Graph labels them.</summary>
internal static class JsonResponse
{
    public const string ContentType =
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    // Graph sends non-ASCII text and '&' / '\'' unescaped; relaxed escaping keeps bodies readable.
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>What Entra ID's endpoints (token, discovery) label their JSON with.</summary>
    public const string PlainContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, int status, JsonNode body) => WriteAsync(context, status, body, ContentType);

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body.ToJsonString(SerializerOptions), context.RequestAborted).ConfigureAwait(false);
    }
}
