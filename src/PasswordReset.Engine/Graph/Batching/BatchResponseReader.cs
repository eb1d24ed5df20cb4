using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PasswordReset.Graph.Batching
{
    /// <summary>
    /// Reads a <c>$batch</c> answer: <c>{"responses":[{"id","status","headers","body"}]}</c>, in any order (§5).
    /// Anything else is a malformed answer and the whole batch is retried.
    /// </summary>
    internal static class BatchResponseReader
    {
        /// <summary>The inner answers by id (ids compared case-insensitively, as Graph does).</summary>
        /// <exception cref="FormatException">The body is not a batch answer.</exception>
        public static Dictionary<string, GraphAnswer> Read(byte[] body)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new FormatException("The $batch answer is not valid JSON.", ex);
            }

            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("responses", out JsonElement responses) || responses.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("The $batch answer has no 'responses' array.");
                }

                var answers = new Dictionary<string, GraphAnswer>(StringComparer.OrdinalIgnoreCase);
                foreach (JsonElement response in responses.EnumerateArray())
                {
                    if (response.ValueKind != JsonValueKind.Object) throw new FormatException("A $batch response is not an object.");
                    string id = response.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String
                        ? idElement.GetString()!
                        : throw new FormatException("A $batch response has no id.");
                    if (!response.TryGetProperty("status", out JsonElement statusElement) || !statusElement.TryGetInt32(out int status))
                    {
                        throw new FormatException("A $batch response has no status.");
                    }

                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    if (response.TryGetProperty("headers", out JsonElement headerElement) && headerElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty header in headerElement.EnumerateObject())
                        {
                            headers[header.Name] = header.Value.ValueKind == JsonValueKind.String
                                ? header.Value.GetString()!
                                : header.Value.GetRawText();
                        }
                    }

                    string? bodyJson = response.TryGetProperty("body", out JsonElement bodyElement) && bodyElement.ValueKind != JsonValueKind.Null
                        ? bodyElement.GetRawText()
                        : null;
                    answers[id] = new GraphAnswer(status, headers, bodyJson, attempts: 0);
                }

                return answers;
            }
        }

        /// <summary>The answer with the attempt count filled in.</summary>
        public static GraphAnswer WithAttempts(GraphAnswer answer, int attempts, bool earlierMayHaveApplied = false) =>
            new GraphAnswer(answer.Status, answer.Headers, answer.BodyJson, attempts) { EarlierAttemptMayHaveApplied = earlierMayHaveApplied };

        /// <summary>Parses a status in text form (diagnostics).</summary>
        public static string StatusText(int? status) => status?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
    }
}
