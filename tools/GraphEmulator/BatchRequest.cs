using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>One request of a JSON batch, as sent (graph-facts §5).</summary>
/// <param name="Url">Relative to the version root, e.g. "/users/a%40b" or "users?$top=1", percent-encoding intact.</param>
/// <param name="Headers">The step's own headers (Content-Type, ConsistencyLevel, client-request-id, ...).</param>
/// <param name="Body">The body to send, already encoded (JSON as text), or null.</param>
internal sealed record BatchStep(string Id, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, IReadOnlyList<string> DependsOn);

/// <summary>
/// Parses and validates the body of POST /v1.0/$batch (graph-facts §5): <c>{"requests":[{id, method, url,
/// headers?, body?, dependsOn?}]}</c>. Anything that makes the batch unusable is a 400 for the whole batch
/// (code BadRequest), before any inner request runs.
/// </summary>
internal static class BatchRequest
{
    /// <summary>graph-facts §5: at most 20 requests per batch.</summary>
    public const int MaxRequests = 20;

    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase) { "GET", "POST", "PATCH", "PUT", "DELETE" };

    public static IReadOnlyList<BatchStep> Parse(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            root = null;
        }

        // Emulator wording for the malformed cases below unless a source is named.
        if (root is not JsonObject batch || batch["requests"] is not JsonArray requests)
        {
            throw Invalid("Invalid batch payload: the body must be a JSON object with a \"requests\" array.");
        }

        if (requests.Count == 0)
        {
            throw Invalid("Invalid batch payload: \"requests\" is empty.");
        }

        if (requests.Count > MaxRequests)
        {
            throw Invalid($"The batch has {requests.Count} requests; at most {MaxRequests} are allowed.");
        }

        var steps = requests.Select(Step).ToList();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            // graph-facts §5: ids are unique, compared without regard to case.
            if (!ids.Add(step.Id))
            {
                throw Invalid($"The batch contains the request id '{step.Id}' more than once (ids are compared without regard to case).");
            }
        }

        foreach (var step in steps)
        {
            foreach (var dependency in step.DependsOn)
            {
                if (!ids.Contains(dependency) || string.Equals(dependency, step.Id, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid($"Request id '{step.Id}' depends on '{dependency}', which is not another request of this batch.");
                }
            }
        }

        RejectCycles(steps);
        return steps;
    }

    /// <summary>The methods of the inner requests, read leniently (for fault filters before the batch is validated); POST if none can be read.</summary>
    public static IReadOnlyCollection<string> MethodsOf(byte[] body)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } batch && batch["requests"] is JsonArray requests)
            {
                foreach (var request in requests.OfType<JsonObject>())
                {
                    if (Text(request, "method") is { } method)
                    {
                        methods.Add(method.ToUpperInvariant());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // malformed: judged as the outer POST
        }

        return methods.Count > 0 ? methods : ["POST"];
    }

    private static BatchStep Step(JsonNode? node, int index)
    {
        if (node is not JsonObject request)
        {
            throw Invalid($"Invalid batch payload: request {index} is not a JSON object.");
        }

        var id = Text(request, "id") ?? throw Invalid($"Invalid batch payload: request {index} has no \"id\".");
        var method = Text(request, "method") ?? throw Invalid($"Invalid batch payload: request id '{id}' has no \"method\".");
        if (!Methods.Contains(method))
        {
            throw Invalid($"Invalid batch payload: request id '{id}' has an unsupported method '{method}'.");
        }

        var url = Text(request, "url") ?? throw Invalid($"Invalid batch payload: request id '{id}' has no \"url\".");

        // graph-facts §5: the url is relative to the version root (e.g. "/users"); an absolute URL is refused.
        if (HasScheme(url))
        {
            throw Invalid($"Invalid batch payload: request id '{id}' has an absolute url; give it relative to /v1.0, e.g. \"/users\".");
        }

        var headers = Headers(request["headers"], id);
        var body = request["body"];
        var hasBody = request.ContainsKey("body") && body is not null;
        var isWrite = method.ToUpperInvariant() is "POST" or "PATCH" or "PUT";
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

        // graph-facts §5: headers with Content-Type are required when a body is given. Graph's text and its refusal of
        // a write without a body are as reported (msgraph-sdk-dotnet#2628).
        if ((hasBody && string.IsNullOrWhiteSpace(contentType)) || (isWrite && !hasBody))
        {
            throw Invalid($"Write request id : {id} does not contain Content-Type header or body.");
        }

        return new BatchStep(id, method.ToUpperInvariant(), url, headers, hasBody ? Encode(body!, contentType!) : null, DependsOn(request["dependsOn"], id));
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(url[0]) && url[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    private static List<KeyValuePair<string, string>> Headers(JsonNode? node, string id)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonObject headers)
        {
            throw Invalid($"Invalid batch payload: \"headers\" of request id '{id}' is not a JSON object.");
        }

        return [.. headers.Select(h => h.Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? new KeyValuePair<string, string>(h.Key, text)
            : throw Invalid($"Invalid batch payload: header '{h.Key}' of request id '{id}' is not a string."))];
    }

    private static List<string> DependsOn(JsonNode? node, string id)
    {
        if (node is null)
        {
            return [];
        }

        return node is JsonArray ids && ids.All(i => i is JsonValue v && v.TryGetValue<string>(out _))
            ? [.. ids.Select(i => i!.GetValue<string>())]
            : throw Invalid($"Invalid batch payload: \"dependsOn\" of request id '{id}' is not an array of ids.");
    }

    // A JSON body is sent as JSON text; a string body with another media type is sent as that text (OData JSON batch).
    private static byte[] Encode(JsonNode body, string contentType) =>
        body is JsonValue value && value.TryGetValue<string>(out var text) && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? System.Text.Encoding.UTF8.GetBytes(text)
            : JsonSerializer.SerializeToUtf8Bytes(body, JsonResponse.SerializerOptions);

    private static void RejectCycles(List<BatchStep> steps)
    {
        var byId = steps.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false: visiting, true: done

        void Visit(BatchStep step)
        {
            if (state.TryGetValue(step.Id, out var done))
            {
                if (!done)
                {
                    throw Invalid($"The dependsOn of request id '{step.Id}' forms a cycle.");
                }

                return;
            }

            state[step.Id] = false;
            foreach (var dependency in step.DependsOn)
            {
                Visit(byId[dependency]);
            }

            state[step.Id] = true;
        }

        steps.ForEach(Visit);
    }

    private static GraphException Invalid(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);
}
