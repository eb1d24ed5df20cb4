using System.Text.Json;

namespace PasswordReset.Graph.Batching
{
    /// <summary>Graph's error envelope <c>{"error":{"code","message","innerError":{"request-id","client-request-id"}}}</c>.</summary>
    internal sealed class GraphErrorBody
    {
        public string? Code { get; private set; }
        public string? Message { get; private set; }
        public string? RequestId { get; private set; }
        public string? ClientRequestId { get; private set; }

        /// <summary>Reads the envelope; an empty result for null, non-JSON or another shape (never throws).</summary>
        public static GraphErrorBody Read(string? json)
        {
            var result = new GraphErrorBody();
            if (string.IsNullOrEmpty(json)) return result;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(json!);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("error", out JsonElement error) || error.ValueKind != JsonValueKind.Object)
                {
                    return result;
                }

                result.Code = Text(error, "code");
                result.Message = Text(error, "message");
                if (error.TryGetProperty("innerError", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
                {
                    result.RequestId = Text(inner, "request-id");
                    result.ClientRequestId = Text(inner, "client-request-id");
                }
            }
            catch (JsonException)
            {
                // Not Graph's envelope: the status alone has to do.
            }

            return result;
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
