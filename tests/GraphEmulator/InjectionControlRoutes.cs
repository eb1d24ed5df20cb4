using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// /_emulator routes that change how the emulator behaves under load: faults, latency. Each is readable with GET,
/// replaced as a whole with POST (answered with the settings now in force), switched off with DELETE, and put
/// back to its start-up value (the command line's) by /_emulator/reset.
/// </summary>
internal static class InjectionControlRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/faults", (HttpContext context, FaultInjector faults) => JsonResponse.WriteAsync(context, 200, faults.Settings.ToJson()));

        group.MapPost("/faults", async (HttpContext context, FaultInjector faults) =>
        {
            var body = await ControlRoutes.ReadAsync<JsonObject>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"seed\":N,\"rates\":{\"429\":0.05,...},\"retryAfterSeconds\":0.5,\"hangSeconds\":120,\"methods\":[...],\"writesOnly\":bool,\"paging\":\"normal|repeat|endless\"}.");
            faults.Configure(Valid(() => FaultSettings.FromJson(body)));
            await JsonResponse.WriteAsync(context, 200, faults.Settings.ToJson()).ConfigureAwait(false);
        });

        group.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Configure(FaultSettings.None);
            return Results.NoContent();
        });

        group.MapGet("/latency", (HttpContext context, Latency latency) => JsonResponse.WriteAsync(context, 200, latency.Settings.ToJson()));

        group.MapPost("/latency", async (HttpContext context, Latency latency) =>
        {
            var body = await ControlRoutes.ReadAsync<LatencySettings>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"fixedMs\":N,\"jitterMs\":N}.");
            latency.Configure(Valid(body.Validated));
            await JsonResponse.WriteAsync(context, 200, latency.Settings.ToJson()).ConfigureAwait(false);
        });

        group.MapDelete("/latency", (Latency latency) =>
        {
            latency.Configure(LatencySettings.None);
            return Results.NoContent();
        });
    }

    private static T Valid<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException ex)
        {
            throw GraphErrors.BadRequest(ex.Message);
        }
    }
}
