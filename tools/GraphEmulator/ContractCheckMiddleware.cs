using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Pipeline stage (<see cref="GraphRequestPipeline"/>) that runs <see cref="ContractChecker"/> on every
/// Graph request, direct or inside a batch (the /$batch container is not in the OpenAPI description and is
/// not checked), and records violations. A check on the emulator itself: it never changes or fails the
/// response. Passwords in the request body are redacted from every message, as in the request log.
/// </summary>
internal sealed class ContractCheckMiddleware(ContractChecker checker, ContractViolations violations, ILogger<ContractCheckMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
        }

        try
        {
            Check(context, captured.ToArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Contract check failed: {Error}", ex.GetType().Name); // never the message: it could echo content
        }
    }

    private void Check(HttpContext context, byte[] responseBody)
    {
        var exchange = GraphExchange.Of(context);
        var path = Uri.UnescapeDataString(exchange.RawPath);
        var graphPath = exchange.GraphPath;
        var method = context.Request.Method;
        var sequence = exchange.Sequence;
        var requestBody = exchange.Body;
        var secrets = Secrets(requestBody);

        foreach (var message in checker.CheckRequest(method, graphPath, context.Request.Query, requestBody))
        {
            violations.Add(sequence, method, path, "request", Redact(message, secrets));
        }

        foreach (var message in checker.CheckResponse(method, graphPath, context.Response.StatusCode, context.Response.ContentType, responseBody))
        {
            violations.Add(sequence, method, path, "response", Redact(message, secrets));
        }
    }

    private static string Redact(string message, IReadOnlyList<string> secrets) =>
        secrets.Aggregate(message, (text, secret) => text.Replace(secret, PasswordRedactor.Mask, StringComparison.Ordinal));

    // Every string under a member whose name contains "password" (same rule as the request log).
    private static List<string> Secrets(byte[] body)
    {
        var secrets = new List<string>();
        if (body.Length == 0)
        {
            return secrets;
        }

        try
        {
            Collect(JsonNode.Parse(body), inPassword: false, secrets);
        }
        catch (JsonException)
        {
            // not JSON: nothing can be located, and no check quotes the body
        }

        return secrets;
    }

    private static void Collect(JsonNode? node, bool inPassword, List<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Collect(value, inPassword || name.Contains("password", StringComparison.OrdinalIgnoreCase), secrets);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, inPassword, secrets);
                }

                break;
            case JsonValue value when inPassword && value.TryGetValue<string>(out var text) && text.Length > 0:
                secrets.Add(text);
                break;
        }
    }
}
