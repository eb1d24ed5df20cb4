using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The one place that builds Graph's error envelope
/// (graph-error-samples.json "errorEnvelope": code, message, innerError{date, request-id, client-request-id})
/// and the errors the emulator uses more than once.
/// </summary>
internal static class GraphErrors
{
    public const string ResourceNotFoundCode = "Request_ResourceNotFound";
    public const string BadRequestCode = "Request_BadRequest";
    public const string UnsupportedQueryCode = "Request_UnsupportedQuery";

    public static JsonObject Envelope(string code, string message, RequestCorrelation correlation, DateTime utcNow) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                // UTC without offset, as in every sample (e.g. "2025-02-13T10:17:06").
                ["date"] = utcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = correlation.RequestId,
                ["client-request-id"] = correlation.ClientRequestId,
            },
        },
    };

    public static Task WriteAsync(HttpContext context, int status, string code, string message) =>
        JsonResponse.WriteAsync(context, status, Envelope(code, message, RequestCorrelation.Of(context), DateTime.UtcNow));

    public static Task WriteAsync(HttpContext context, GraphException error) =>
        WriteAsync(context, error.Status, error.Code, error.Message);

    // graph-facts §1 / graph-error-samples "user-not-found-404": the key is quoted as given.
    public static GraphException UserNotFound(string key) => new(
        StatusCodes.Status404NotFound,
        ResourceNotFoundCode,
        $"Resource '{key}' does not exist or one of its queried reference-property objects are not present.");

    public static GraphException BadRequest(string message) => new(StatusCodes.Status400BadRequest, BadRequestCode, message);

    public static GraphException UnknownProperty(string name) =>
        BadRequest($"Could not find a property named '{name}' on type 'microsoft.graph.user'.");

    // graph-facts §4 (the last message is reported, not documented).
    public static GraphException UnsupportedFilter(string property) => new(
        StatusCodes.Status400BadRequest,
        UnsupportedQueryCode,
        $"Unsupported or invalid query filter clause specified for property '{property}' of resource 'User'.");

    public static GraphException UnsupportedQuery(string message) =>
        new(StatusCodes.Status400BadRequest, UnsupportedQueryCode, message);

    // graph-error-samples "method-not-allowed-405".
    public static GraphException MethodNotAllowed() => new(
        StatusCodes.Status405MethodNotAllowed, BadRequestCode, "Specified HTTP method is not allowed for the request target.");

    public static GraphException SegmentNotFound(string segment) =>
        new(StatusCodes.Status400BadRequest, "BadRequest", $"Resource not found for the segment '{segment}'.");

    // graph-facts §1, graph-error-samples "weak-password-400".
    public static GraphException WeakPassword() => BadRequest(
        "The specified password does not comply with password complexity requirements. Please provide a different password.");

    // graph-facts §1, graph-error-samples "on-premises-mastered-400".
    public static GraphException OnPremisesMastered() => BadRequest(
        "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.");

    // graph-facts §1, graph-error-samples "insufficient-privileges-403".
    public static GraphException InsufficientPrivileges() => new(
        StatusCodes.Status403Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    // Emulator wording: Microsoft documents only that passwordProfile "can't be used for federated users"
    // (graph-facts §1), not the response. Clients should match on the word "federated".
    public static GraphException FederatedDomain() => BadRequest(
        "Unable to update the password of a user in a federated domain: the password is managed by the federation's identity provider.");

    /// <summary>
    /// graph-facts §4: some properties cannot be selected on the collection (GET /users) and Graph answers
    /// 501 Not Implemented. The status is documented; the code and wording here are the emulator's.
    /// </summary>
    public static GraphException NotOnCollection(string property) => new(
        StatusCodes.Status501NotImplemented, "NotImplemented",
        $"The property '{property}' can only be selected on a single user (GET /users/{{id}}), not on the users collection.");

    public static GraphException InvalidJsonPayload() => new(
        StatusCodes.Status400BadRequest,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
}
