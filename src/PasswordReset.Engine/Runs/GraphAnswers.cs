using System;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Users;

namespace PasswordReset.Runs
{
    /// <summary>Reads a user from an inner <c>$batch</c> answer through the SDK's own model (errors: <see cref="GraphAnswer.ToException"/>).</summary>
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

    }
}
