using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace GraphEmulator;

/// <summary>
/// The Graph v1.0 users contract (shared/graph-contract/users-v1.0.openapi.yaml), loaded once with
/// Microsoft.OpenApi and kept as its OpenAPI 3.0 JSON form, which the checks read: operations by
/// method and path, their parameters, request body and response schemas ($refs resolved here).
/// </summary>
internal sealed class OpenApiContract
{
    private readonly List<PathTemplate> _paths;

    private OpenApiContract(JsonObject root)
    {
        Root = root;
        // Literal paths first, so /users/$count wins over /users/{user-id}.
        _paths = [.. root["paths"]!.AsObject()
            .Select(p => new PathTemplate(p.Key, TemplateRegex(p.Key), p.Value!.AsObject()))
            .OrderBy(p => p.Template.Count(c => c == '{'))];
    }

    public JsonObject Root { get; }

    public JsonObject Schemas => Root["components"]!["schemas"]!.AsObject();

    public static async Task<OpenApiContract> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var result = await OpenApiDocument.LoadAsync(path, settings, cancellationToken).ConfigureAwait(false);
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            var first = result.Diagnostic?.Errors.FirstOrDefault()?.Message ?? "no document";
            throw new InvalidDataException($"'{path}' is not a usable OpenAPI description: {first}");
        }

        var json = await result.Document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0, cancellationToken).ConfigureAwait(false);
        return new OpenApiContract(JsonNode.Parse(json)!.AsObject());
    }

    public static OpenApiContract Load(string path) => LoadAsync(path).GetAwaiter().GetResult();

    /// <summary>
    /// The path template a decoded request path (after /v1.0) matches, and its path item. OData's
    /// parenthesised key <c>/users('key')</c> is the same operation as <c>/users/{user-id}</c>
    /// (graph-facts §3), which is the only form the description lists.
    /// </summary>
    public (string Template, JsonObject PathItem)? FindPath(string path)
    {
        var keyInParentheses = Regex.Match(path, @"^/users\('(?<key>.*)'\)$", RegexOptions.CultureInvariant);
        if (keyInParentheses.Success)
        {
            path = "/users/" + keyInParentheses.Groups["key"].Value.Replace("/", "%2F", StringComparison.Ordinal);
        }

        var match = _paths.FirstOrDefault(p => p.Regex.IsMatch(path));
        return match is null ? null : (match.Template, match.PathItem);
    }

    /// <summary>Follows a local "$ref" (#/components/...) until a non-reference object.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        for (var guard = 0; current["$ref"] is JsonValue reference && guard < 16; guard++)
        {
            var pointer = reference.GetValue<string>();
            JsonNode? target = Root;
            foreach (var part in pointer.TrimStart('#', '/').Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            current = target as JsonObject ?? throw new InvalidDataException($"Unresolvable $ref '{pointer}'.");
        }

        return current;
    }

    /// <summary>The operation's parameters (and the path item's), references resolved.</summary>
    public IReadOnlyList<JsonObject> Parameters(JsonObject pathItem, JsonObject operation) =>
        [.. new[] { pathItem["parameters"], operation["parameters"] }
            .OfType<JsonArray>()
            .SelectMany(list => list)
            .Select(p => Resolve(p!))];

    /// <summary>The response declared for a status: exact code, then "4XX"-style range, then "default".</summary>
    public JsonObject? Response(JsonObject operation, int status)
    {
        var responses = operation["responses"]?.AsObject();
        var declared = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? responses?[$"{status / 100}XX"]
            ?? responses?["default"];
        return declared is null ? null : Resolve(declared);
    }

    /// <summary>Graph's error response (components/responses/error).</summary>
    public JsonObject ErrorResponse => Resolve(Root["components"]!["responses"]!["error"]!);

    private static Regex TemplateRegex(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
    }

    private sealed record PathTemplate(string Template, Regex Regex, JsonObject PathItem);
}
