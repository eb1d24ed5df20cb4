using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Checks one /v1.0 exchange against the OpenAPI contract (graph-contract/README.md): the request
/// (path is an operation path, method declared, query option names declared and values fitting their
/// schemas, $select/$orderby naming user properties, PATCH body a microsoft.graph.user) and the
/// response body (the schema declared for its status). Returns violation texts; never throws for a
/// mismatch. Texts name locations and option names, not values.
/// </summary>
internal sealed class ContractChecker(OpenApiContract contract, ContractSchemas schemas)
{
    private const string UserSchema = "microsoft.graph.user";
    private readonly Lazy<IReadOnlySet<string>> _userProperties = new(() => schemas.PropertyNames(UserSchema));

    public IReadOnlyList<string> CheckRequest(string method, string path, IQueryCollection query, byte[] body)
    {
        var violations = new List<string>();
        if (Operation(method, path, violations) is not var (pathItem, operation))
        {
            return violations;
        }

        var parameters = contract.Parameters(pathItem, operation)
            .Where(p => (string?)p["in"] == "query")
            .ToDictionary(p => (string)p["name"]!, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in query)
        {
            // $skiptoken only arrives inside the server's own @odata.nextLink, which clients follow as-is
            // (graph-facts §4); the description does not declare it.
            if (name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!parameters.TryGetValue(name, out var parameter))
            {
                violations.Add($"query option '{name}' is not declared for {method} {Template(path)}");
                continue;
            }

            CheckParameter(name, values.ToString(), parameter, violations);
        }

        if (operation["requestBody"] is { } requestBody && body.Length > 0 &&
            contract.Resolve(requestBody)["content"]?["application/json"]?["schema"] is { } bodySchema)
        {
            JsonNode? payload;
            try
            {
                payload = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                violations.Add("request body is not JSON");
                return violations;
            }

            violations.AddRange(ContractSchemas.Evaluate(schemas.Compile(bodySchema), payload).Select(m => "request body " + m));
        }

        return violations;
    }

    public IReadOnlyList<string> CheckResponse(string method, string path, int status, string? contentType, byte[] body)
    {
        var violations = new List<string>();
        var operation = Operation(method, path, null)?.Operation;
        var response = operation is null
            ? (status >= 400 ? contract.ErrorResponse : null) // no operation: errors still use Graph's envelope
            : contract.Response(operation, status);
        if (response is null)
        {
            if (operation is not null)
            {
                violations.Add($"status {status} is not declared for {method} {Template(path)}");
            }

            return violations;
        }

        var content = response["content"] as JsonObject;
        if (body.Length == 0)
        {
            // 204 (PATCH success) has no body; the description's 2XX names the entity for other 2xx codes.
            if (status != StatusCodes.Status204NoContent && content is { Count: > 0 })
            {
                violations.Add($"status {status} has no body but the contract declares one");
            }

            return violations;
        }

        if (content is null || content.Count == 0)
        {
            violations.Add($"status {status} has a body but the contract declares none");
            return violations;
        }

        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        var declared = content[mediaType];
        if (declared is null)
        {
            violations.Add($"response Content-Type '{mediaType}' is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})");
            return violations;
        }

        if (declared["schema"] is not { } schema)
        {
            return violations;
        }

        JsonNode? instance;
        if (mediaType == "application/json")
        {
            try
            {
                instance = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                violations.Add("response body is not JSON");
                return violations;
            }
        }
        else
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            instance = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);
        }

        violations.AddRange(ContractSchemas.Evaluate(schemas.Compile(schema), instance).Select(m => "response body " + m));
        return violations;
    }

    private (JsonObject PathItem, JsonObject Operation)? Operation(string method, string path, List<string>? violations)
    {
        if (contract.FindPath(path) is not var (template, pathItem))
        {
            violations?.Add($"path '{Redact(path)}' matches no operation of the contract");
            return null;
        }

        if (pathItem[method.ToLowerInvariant()] is not JsonObject operation)
        {
            violations?.Add($"{method} is not declared for {template}");
            return null;
        }

        return (pathItem, operation);
    }

    private string Template(string path) => contract.FindPath(path)?.Template ?? path;

    // Paths only hold keys (ids, UPNs); shown as the template when one matches, else as given.
    private static string Redact(string path) => path.Length > 200 ? path[..200] + "..." : path;

    private void CheckParameter(string name, string raw, JsonObject parameter, List<string> violations)
    {
        if (parameter["schema"] is not JsonObject schema)
        {
            return;
        }

        var type = schema["type"]?.GetValueKind() == JsonValueKind.String ? (string)schema["type"]! : null;
        JsonNode? value = type switch
        {
            "integer" => long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(raw),
            "boolean" => raw switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => JsonValue.Create(raw) },

            // style form, explode false: comma-separated.
            "array" => new JsonArray([.. raw.Split(',').Select(item => (JsonNode)JsonValue.Create(item.Trim()))]),
            _ => JsonValue.Create(raw),
        };

        // graph-facts §4: $top accepts 1..999 (the description only says minimum 0).
        var effective = schema;
        if (name.Equals("$top", StringComparison.OrdinalIgnoreCase))
        {
            effective = schema.DeepClone().AsObject();
            effective["minimum"] = 1;
            effective["maximum"] = UserQueryParser.MaxPageSize;
        }

        foreach (var message in ContractSchemas.Evaluate(schemas.Compile(effective), value))
        {
            violations.Add($"query option '{name}' value {message}");
        }

        // $select / $orderby items name properties of microsoft.graph.user ($orderby: "name [asc|desc]").
        if (value is JsonArray items && (name.Equals("$select", StringComparison.OrdinalIgnoreCase) || name.Equals("$orderby", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var item in items.Select(i => i!.GetValue<string>()))
            {
                var property = item.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                if (!_userProperties.Value.Contains(property))
                {
                    violations.Add($"query option '{name}' names '{property}', which is not a property of {UserSchema}");
                }
            }
        }
    }
}
