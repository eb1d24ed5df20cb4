using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>Replaces every member named "password" (any depth, any case) so logs never hold passwords.</summary>
internal static class PasswordRedactor
{
    public const string Mask = "***REDACTED***";

    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (name.Equals("password", StringComparison.OrdinalIgnoreCase))
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }

        return node;
    }
}
