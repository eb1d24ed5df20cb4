using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Writes the <c>$batch</c> body (graph-facts.md §5): <c>{"requests":[{"id","method","url","headers"?,"body"?}]}</c>.
    /// The inner URL goes out exactly as the <see cref="GraphCall"/> holds it (already percent-encoded, never decoded),
    /// a body is inlined as JSON with the <c>Content-Type: application/json</c> header Graph requires with it.
    /// </summary>
    internal static class BatchRequestWriter
    {
        public static byte[] Write(IReadOnlyList<BatchItem> items)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("requests");
                foreach (BatchItem item in items)
                {
                    GraphCall call = item.Call;
                    writer.WriteStartObject();
                    writer.WriteString("id", item.Id);
                    writer.WriteString("method", call.Method);
                    writer.WriteString("url", call.RelativeUrl);
                    bool hasBody = call.BodyJson != null;
                    if (hasBody || call.Headers.Count > 0)
                    {
                        writer.WriteStartObject("headers");
                        bool contentTypeGiven = false;
                        foreach (var header in call.Headers)
                        {
                            writer.WriteString(header.Key, header.Value);
                            contentTypeGiven |= string.Equals(header.Key, "Content-Type", System.StringComparison.OrdinalIgnoreCase);
                        }

                        if (hasBody && !contentTypeGiven) writer.WriteString("Content-Type", "application/json");
                        writer.WriteEndObject();
                    }

                    if (hasBody)
                    {
                        writer.WritePropertyName("body");
                        writer.WriteRawValue(call.BodyJson!, skipInputValidation: false);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }
}
