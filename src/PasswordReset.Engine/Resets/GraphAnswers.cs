using System;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Users;

namespace PasswordReset.Resets
{
    /// <summary>Reads inner <c>$batch</c> answers: users through the SDK's own model, errors into <see cref="GraphRequestException"/>.</summary>
    internal static class GraphAnswers
    {
        /// <summary>The user in a 200 answer to <c>GET /users/{key}</c>.</summary>
        public static AadUser ToUser(GraphAnswer answer)
        {
            if (string.IsNullOrEmpty(answer.BodyJson))
            {
                throw new GraphRequestException(answer.Status, null, "Graph returned no body for a user lookup.", answer.RequestId, null, null);
            }

            using var document = JsonDocument.Parse(answer.BodyJson!);
            var user = new JsonParseNode(document.RootElement).GetObjectValue(User.CreateFromDiscriminatorValue);
            return UserMapper.ToAadUser(user, null);
        }

        /// <summary>Graph's error envelope (<c>{"error":{"code","message","innerError":{"request-id"}}}</c>) as an exception.</summary>
        public static GraphRequestException ToException(GraphAnswer answer)
        {
            string? code = null, message = null, requestId = answer.RequestId, clientRequestId = null;
            if (!string.IsNullOrEmpty(answer.BodyJson))
            {
                try
                {
                    using var document = JsonDocument.Parse(answer.BodyJson!);
                    if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
                    {
                        code = Text(error, "code");
                        message = Text(error, "message");
                        if (error.TryGetProperty("innerError", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
                        {
                            requestId = Text(inner, "request-id") ?? requestId;
                            clientRequestId = Text(inner, "client-request-id");
                        }
                    }
                }
                catch (JsonException)
                {
                    // Not Graph's envelope: the status alone has to do.
                }
            }

            return new GraphRequestException(answer.Status, code, message ?? $"Graph answered {answer.Status} without an error message.", requestId, clientRequestId, null);
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
