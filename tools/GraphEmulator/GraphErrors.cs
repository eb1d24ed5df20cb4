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

    /// <summary>
    /// graph-facts §6, graph-error-samples "throttled-429": 429 TooManyRequests "Please retry again later." with the
    /// innerError members of the documented sample (code, message, status) and Retry-After in seconds (fractional allowed).
    /// </summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, string retryAfter)
    {
        var body = Envelope("TooManyRequests", "Please retry again later.", RequestCorrelation.Of(context), DateTime.UtcNow);
        var inner = body["error"]!["innerError"]!.AsObject();
        inner["code"] = "429";
        inner["message"] = "Please retry after";
        inner["status"] = "429";
        context.Response.Headers.RetryAfter = retryAfter;
        return JsonResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, body);
    }

    // graph-facts §6 (errors page: "temporarily unavailable ... repeat the request after a delay"); the code is the one
    // public reports show (Microsoft Q&A 1090074), the message emulator wording.
    public static GraphException ServiceUnavailable() => new(
        StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable", "The service is temporarily unavailable. Retry the request after a delay.");

    // graph-facts §6: 504 "may occur together with 503"; code and message are emulator wording.
    public static GraphException GatewayTimeout() => new(
        StatusCodes.Status504GatewayTimeout, "gatewayTimeout", "The server did not receive a timely response from an upstream server.");

    // graph-facts §6 (Microsoft Q&A 1379655: "wait briefly and retry"); the message is the one public clients quote.
    public static GraphException ConcurrencyViolation() => BadRequestWithCode(
        "Directory_ConcurrencyViolation", "Error due to concurrent requests being made to the tenant. Please wait briefly and retry.");

    private static GraphException BadRequestWithCode(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    public static GraphException InvalidJsonPayload() => new(
        StatusCodes.Status400BadRequest,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
}
