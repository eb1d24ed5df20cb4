using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// A user's Temporary Access Pass as stored (graph-facts §10): at most one per user, replaced by the next one created.
/// The code is a secret like a password: Graph returns it only in the answer to the create (D6), the emulator also on
/// its control surface, and never in a log.
/// </summary>
internal sealed record TemporaryAccessPass(
    string Id,
    string Code,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset StartDateTime,
    int LifetimeInMinutes,
    bool IsUsableOnce)
{
    /// <summary>
    /// Characters of a generated code. Graph's sample code is "+drkzqAD"; Microsoft documents no alphabet, so ours
    /// (letters, digits and a few symbols, none that needs escaping in JSON or a URL query) is our choice.
    /// </summary>
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789+-!@#%&*";

    public DateTimeOffset ExpiresAt => StartDateTime.AddMinutes(LifetimeInMinutes);

    public static string NewCode(int length) => new(RandomNumberGenerator.GetItems<char>(Alphabet, length));

    /// <summary>D6 methodUsabilityReason: DisabledByPolicy, NotYetValid, Expired, else EnabledByPolicy (no sign-ins here, so never OneTimeUsed).</summary>
    public (bool IsUsable, string Reason) Usability(DateTimeOffset now, bool policyEnabled) =>
        !policyEnabled ? (false, "DisabledByPolicy")
        : now < StartDateTime ? (false, "NotYetValid")
        : now >= ExpiresAt ? (false, "Expired")
        : (true, "EnabledByPolicy");

    /// <summary>
    /// The Graph representation (temporaryAccessPassAuthenticationMethod). <paramref name="withCode"/>: the answer to the
    /// create; every read has <c>"temporaryAccessPass": null</c> (D6, D9 example).
    /// </summary>
    public JsonObject ToGraph(bool withCode, DateTimeOffset now, bool policyEnabled)
    {
        var (usable, reason) = Usability(now, policyEnabled);
        return new JsonObject
        {
            ["id"] = Id,
            ["temporaryAccessPass"] = withCode ? Code : null,
            ["createdDateTime"] = Format(CreatedDateTime),
            ["startDateTime"] = Format(StartDateTime),
            ["lifetimeInMinutes"] = LifetimeInMinutes,
            ["isUsableOnce"] = IsUsableOnce,
            ["isUsable"] = usable,
            ["methodUsabilityReason"] = reason,
        };
    }

    /// <summary>The control surface's view: the code, its times (ISO 8601 UTC with fractions) and the expiry.</summary>
    public JsonObject ToControlView() => new()
    {
        ["id"] = Id,
        ["code"] = Code,
        ["createdDateTime"] = CreatedDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["startDateTime"] = StartDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["lifetimeInMinutes"] = LifetimeInMinutes,
        ["expiresDateTime"] = ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        ["isUsableOnce"] = IsUsableOnce,
    };

    /// <summary>UTC with the fraction Graph shows ("2022-06-02T16:21:09.765173Z"; none when it is zero: "2022-06-05T00:00:00Z").</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
