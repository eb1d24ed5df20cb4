using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The body of a create (graph-facts §10, D3): a temporaryAccessPassAuthenticationMethod whose writable members are all
/// optional — isUsableOnce, lifetimeInMinutes, startDateTime (null = absent). Annotations are accepted (the SDK sends
/// "@odata.type"), the read-only members of the type are ignored, any other member is a 400.
/// </summary>
internal sealed record TemporaryAccessPassRequest(bool? IsUsableOnce, int? LifetimeInMinutes, DateTimeOffset? StartDateTime)
{
    private const string ODataType = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";

    private static readonly HashSet<string> ReadOnlyMembers = new(StringComparer.Ordinal)
    {
        "id", "temporaryAccessPass", "createdDateTime", "isUsable", "methodUsabilityReason",
    };

    public static TemporaryAccessPassRequest Parse(byte[] body)
    {
        JsonObject json;
        try
        {
            json = body.Length == 0 ? throw GraphErrors.InvalidJsonPayload() : JsonNode.Parse(body) as JsonObject ?? throw GraphErrors.InvalidJsonPayload();
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidJsonPayload();
        }

        bool? isUsableOnce = null;
        int? lifetime = null;
        DateTimeOffset? start = null;
        foreach (var (name, value) in json)
        {
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            switch (name)
            {
                case "@odata.type" when kind != JsonValueKind.String || !string.Equals(value!.GetValue<string>(), ODataType, StringComparison.OrdinalIgnoreCase):
                    throw GraphErrors.BadRequest($"Invalid @odata.type; expected '{ODataType}'.");
                case var annotation when annotation.StartsWith('@'):
                    break;
                case "isUsableOnce":
                    isUsableOnce = kind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Null => null,
                        _ => throw UserActionErrors.InvalidProperty(name),
                    };
                    break;
                case "lifetimeInMinutes":
                    lifetime = kind == JsonValueKind.Null ? null
                        : kind == JsonValueKind.Number && value!.AsValue().TryGetValue<int>(out var minutes) ? minutes
                        : throw UserActionErrors.InvalidProperty(name);
                    break;
                case "startDateTime":
                    start = kind == JsonValueKind.Null ? null
                        : kind == JsonValueKind.String && DateTimeOffset.TryParse(value!.GetValue<string>(), CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed
                        : throw UserActionErrors.InvalidProperty(name);
                    break;
                case var readOnly when ReadOnlyMembers.Contains(readOnly):
                    break; // computed by the service
                default:
                    throw UserActionErrors.UnknownProperty(name);
            }
        }

        return new TemporaryAccessPassRequest(isUsableOnce, lifetime, start);
    }
}
