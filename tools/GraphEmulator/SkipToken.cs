using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace GraphEmulator;

/// <summary>
/// The opaque $skiptoken of @odata.nextLink (graph-facts §4: clients follow nextLink as is):
/// base64url of {"o":offset,"h":query fingerprint}. A token from another query is rejected.
/// </summary>
internal static class SkipToken
{
    public static string Encode(int offset, string fingerprint) =>
        Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Payload(offset, fingerprint)));

    public static int Decode(string token, string fingerprint)
    {
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            payload = null;
        }

        if (payload is null || payload.O < 0 || payload.H != fingerprint)
        {
            throw GraphErrors.BadRequest("The specified page token value is not valid for this query. Start again without $skiptoken.");
        }

        return payload.O;
    }

    private sealed record Payload([property: JsonPropertyName("o")] int O, [property: JsonPropertyName("h")] string H);
}
