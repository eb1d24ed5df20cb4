using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Runs;

namespace PasswordReset.AccessPasses
{
    /// <summary>
    /// The create of a Temporary Access Pass as a batch call, <c>POST /users/{id}/authentication/temporaryAccessPassMethods</c>
    /// with only the members asked for (graph-facts.md §10), and its 201 answer read through the SDK's own model.
    /// </summary>
    internal static class AccessPassRequests
    {
        public static GraphCall Create(AadUser user, AccessPassOptions options)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (options.LifetimeInMinutes is int minutes) writer.WriteNumber("lifetimeInMinutes", minutes);
                if (options.IsUsableOnce is bool once) writer.WriteBoolean("isUsableOnce", once);
                if (options.StartDateTime is DateTimeOffset start)
                {
                    writer.WriteString("startDateTime", start.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                }

                writer.WriteEndObject();
            }

            return new GraphCall("POST", UserRequests.UserPath(user) + "/authentication/temporaryAccessPassMethods",
                Encoding.UTF8.GetString(buffer.ToArray()), label: UserRequests.Label(user));
        }

        /// <summary>The pass in a 201 answer; the result carries the code, which Graph returns only here.</summary>
        public static TemporaryAccessPassResult Read(AadUser user, GraphAnswer answer)
        {
            if (string.IsNullOrEmpty(answer.BodyJson))
            {
                throw new GraphRequestException(answer.Status, null, "Graph returned no body for a created Temporary Access Pass.", answer.RequestId, null, null) { MayHaveBeenApplied = true };
            }

            using var document = JsonDocument.Parse(answer.BodyJson!);
            var pass = new JsonParseNode(document.RootElement).GetObjectValue(TemporaryAccessPassAuthenticationMethod.CreateFromDiscriminatorValue);
            if (pass is null || string.IsNullOrEmpty(pass.TemporaryAccessPass))
            {
                throw new GraphRequestException(answer.Status, null, "Graph's answer to a created Temporary Access Pass holds no code.", answer.RequestId, null, null) { MayHaveBeenApplied = true };
            }

            return new TemporaryAccessPassResult
            {
                Id = user.Id,
                UserPrincipalName = user.UserPrincipalName,
                DisplayName = user.DisplayName,
                TemporaryAccessPass = pass.TemporaryAccessPass,
                StartDateTime = (pass.StartDateTime ?? pass.CreatedDateTime)?.ToUniversalTime(),
                LifetimeInMinutes = pass.LifetimeInMinutes,
                IsUsableOnce = pass.IsUsableOnce,
                MethodId = pass.Id,
                RequestId = answer.RequestId,
            };
        }
    }
}
