using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// POST /v1.0/$batch (graph-facts §5), reached once the outer token is valid. The batch is parsed and validated
/// as a whole (400 if malformed); then every inner request runs through the same Graph pipeline as a direct
/// request — authorised with the outer Authorization header, contract-checked, throttled, logged — concurrently, except that a request
/// waits for the requests it names in dependsOn and answers 424 if one of them failed. The outer answer is
/// 200 with {"responses":[...]} in completion order (Graph: any order).
/// </summary>
internal sealed class BatchRoute
{
    public async Task HandleAsync(HttpContext context, RequestDelegate graph)
    {
        var exchange = GraphExchange.Of(context);
        IReadOnlyList<BatchStep> steps;
        try
        {
            steps = BatchRequest.Parse(exchange.Body);
        }
        catch (GraphException error)
        {
            await GraphErrors.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        var byId = steps.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        var runs = new Dictionary<string, Task<JsonObject>>(StringComparer.OrdinalIgnoreCase);
        var completed = new ConcurrentQueue<JsonObject>();

        // Started in dependency order (dependsOn has no cycles: checked by the parser), all before any is awaited.
        Task<JsonObject> Start(BatchStep step)
        {
            if (!runs.TryGetValue(step.Id, out var run))
            {
                var dependencies = step.DependsOn.Select(id => Start(byId[id])).ToArray();
                run = RunAsync(context, step, dependencies, exchange.Sequence, graph, completed);
                runs[step.Id] = run;
            }

            return run;
        }

        await Task.WhenAll(steps.Select(Start).ToList()).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["responses"] = new JsonArray([.. completed]) })
            .ConfigureAwait(false);
    }

    private static async Task<JsonObject> RunAsync(
        HttpContext outer, BatchStep step, Task<JsonObject>[] dependencies, long batchSequence, RequestDelegate graph, ConcurrentQueue<JsonObject> completed)
    {
        var results = await Task.WhenAll(dependencies).ConfigureAwait(false);
        JsonObject answer;
        if (results.Any(r => !IsSuccess((int)r["status"]!)))
        {
            // Never run, so never logged: the outer entry's body shows the request.
            answer = InnerRequest.FailedDependency(step.Id, RequestCorrelation.Of(outer));
        }
        else
        {
            // Off the caller's thread: inner requests run in parallel, not one after another up to their first await.
            var inner = InnerRequest.Create(outer, step, batchSequence);
            await Task.Run(() => graph(inner.Context), outer.RequestAborted).ConfigureAwait(false);
            answer = await inner.ReadAsync().ConfigureAwait(false);
        }

        completed.Enqueue(answer);
        return answer;
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;
}
