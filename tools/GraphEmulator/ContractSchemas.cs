using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GraphEmulator;

/// <summary>
/// Turns the contract's OpenAPI 3.0 schemas into JSON Schema (2020-12) for JsonSchema.Net, read the
/// way Graph means them: allOf branches merged (entity → directoryObject → user), only declared
/// properties plus OData annotations (<c>@odata.*</c>, also <c>name@odata.*</c>) allowed,
/// <c>nullable: true</c> admits null, $refs kept as $defs. Objects declaring no properties (the open
/// InnerError) stay open. Collection responses also declare <c>@odata.count</c>, which Graph returns with
/// $count=true (contract README). Compiled schemas are cached.
/// </summary>
internal sealed class ContractSchemas
{
    private const string AnnotationPattern = "@odata\\.";
    private static readonly string[] CopiedKeywords =
        ["minimum", "maximum", "minLength", "maxLength", "pattern", "uniqueItems", "minItems", "maxItems", "required"];

    private static readonly EvaluationOptions FlagOnly = new() { OutputFormat = OutputFormat.Flag };

    private readonly OpenApiContract _contract;
    private readonly JsonObject _defs = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private readonly BuildOptions _buildOptions = new() { SchemaRegistry = new SchemaRegistry() };
    private int _schemaNumber;

    public ContractSchemas(OpenApiContract contract)
    {
        _contract = contract;
        foreach (var (name, schema) in contract.Schemas)
        {
            var source = schema!.AsObject();
            if (name.EndsWith("CollectionResponse", StringComparison.Ordinal) && source["properties"] is JsonObject properties)
            {
                source = source.DeepClone().AsObject();
                source["properties"]!["@odata.count"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 };
            }

            _defs[name] = Convert(source);
        }
    }

    /// <summary>Every property name a component schema declares, allOf branches included.</summary>
    public IReadOnlySet<string> PropertyNames(string componentName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectProperties(_contract.Schemas[componentName]!.AsObject(), names, null);
        return names;
    }

    /// <summary>Compiles (once) an OpenAPI schema object as given in the contract.</summary>
    public JsonSchema Compile(JsonNode openApiSchema)
    {
        var key = openApiSchema.ToJsonString();
        return _compiled.GetOrAdd(key, _ =>
        {
            var root = Convert(openApiSchema.AsObject()).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _defs.DeepClone();
            // Own registry per emulator: several emulators share a test process.
            var baseUri = new Uri($"https://graph-emulator.invalid/contract/{Interlocked.Increment(ref _schemaNumber)}");
            return JsonSchema.FromText(root.ToJsonString(), _buildOptions, baseUri);
        });
    }

    /// <summary>Evaluates; returns "location: message" lines (no instance values are quoted).</summary>
    public static IReadOnlyList<string> Evaluate(JsonSchema schema, JsonNode? instance)
    {
        var element = JsonSerializer.SerializeToElement(instance);

        // The flag format stops at the first failure, so a valid instance (the usual case) costs little;
        // only an invalid one is evaluated again for the detailed messages.
        if (schema.Evaluate(element, FlagOnly).IsValid)
        {
            return [];
        }

        var results = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var messages = new List<string>();
        foreach (var detail in (results.Details ?? []).Append(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            var location = detail.InstanceLocation.ToString();
            foreach (var (_, message) in detail.Errors)
            {
                messages.Add($"{(location.Length == 0 ? "/" : location)}: {message}");
            }
        }

        return messages.Count == 0 ? ["does not match the schema"] : [.. messages.Distinct(StringComparer.Ordinal)];
    }

    private JsonNode Convert(JsonObject schema)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            return new JsonObject { ["$ref"] = "#/$defs/" + reference.GetValue<string>().Split('/')[^1] };
        }

        if (schema["allOf"] is JsonArray)
        {
            var properties = new JsonObject();
            var required = new HashSet<string>(StringComparer.Ordinal);
            CollectProperties(schema, null, (name, property, isRequired) =>
            {
                properties[name] = property.DeepClone();
                if (isRequired)
                {
                    required.Add(name);
                }
            });
            var merged = new JsonObject { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                merged["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
            }

            return Convert(merged);
        }

        var result = new JsonObject();
        var nullable = schema["nullable"] is JsonValue n && n.GetValueKind() == JsonValueKind.True;
        switch (schema["type"])
        {
            case JsonValue type:
                result["type"] = nullable ? new JsonArray(type.GetValue<string>(), "null") : type.GetValue<string>();
                break;
            case JsonArray types:
                result["type"] = types.DeepClone();
                break;
        }

        if (schema["enum"] is JsonArray values)
        {
            var copy = values.DeepClone().AsArray();
            if (nullable && !copy.Any(v => v is null))
            {
                copy.Add(null);
            }

            result["enum"] = copy;
        }

        foreach (var keyword in CopiedKeywords)
        {
            if (schema[keyword] is { } value)
            {
                result[keyword] = value.DeepClone();
            }
        }

        if (schema["items"] is JsonObject items)
        {
            result["items"] = Convert(items);
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema[combinator] is JsonArray branches)
            {
                result[combinator] = new JsonArray([.. branches.Select(b => Convert(b!.AsObject()))]);
            }
        }

        if (schema["properties"] is JsonObject declared && declared.Count > 0)
        {
            var properties = new JsonObject();
            foreach (var (name, property) in declared)
            {
                properties[name] = Convert(property!.AsObject());
            }

            result["properties"] = properties;
            result["patternProperties"] = new JsonObject { [AnnotationPattern] = new JsonObject() };
            result["additionalProperties"] = false;
        }

        return result;
    }

    // Walks allOf branches (resolving $refs to components) and the schema's own properties.
    private void CollectProperties(JsonObject schema, HashSet<string>? names, Action<string, JsonObject, bool>? add)
    {
        var resolved = _contract.Resolve(schema);
        if (resolved["allOf"] is JsonArray branches)
        {
            foreach (var branch in branches)
            {
                CollectProperties(branch!.AsObject(), names, add);
            }
        }

        var required = resolved["required"] is JsonArray r ? r.Select(x => x!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
        if (resolved["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                names?.Add(name);
                add?.Invoke(name, property!.AsObject(), required.Contains(name));
            }
        }
    }
}
