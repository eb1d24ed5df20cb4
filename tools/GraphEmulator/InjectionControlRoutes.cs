using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// /_emulator routes that change how the emulator behaves under load: faults, latency, throttling. Each is readable with GET,
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

        // The settings plus how many token requests are being held right now.
        group.MapGet("/latency", (HttpContext context, Latency latency) =>
        {
            var view = latency.Settings.ToJson();
            view["tokenRequestsWaiting"] = latency.TokenRequestsWaiting;
            return JsonResponse.WriteAsync(context, 200, view);
        });

        group.MapPost("/latency", async (HttpContext context, Latency latency) =>
        {
            var body = await ControlRoutes.ReadAsync<LatencySettings>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"fixedMs\":N,\"jitterMs\":N,\"tokenMs\":N}.");
            latency.Configure(Valid(body.Validated));
            await JsonResponse.WriteAsync(context, 200, latency.Settings.ToJson()).ConfigureAwait(false);
        });

        group.MapDelete("/latency", (Latency latency) =>
        {
            latency.Configure(LatencySettings.None);
            return Results.NoContent();
        });

        group.MapGet("/throttling", (HttpContext context, GraphThrottle throttle) => JsonResponse.WriteAsync(context, 200, ThrottlingView(throttle)));

        // Replaces the limits (absent members take Graph's defaults, enabled defaults to false); every bucket starts full.
        group.MapPost("/throttling", async (HttpContext context, GraphThrottle throttle) =>
        {
            var options = await ControlRoutes.ReadAsync<ThrottlingOptions>(context).ConfigureAwait(false)
                ?? throw GraphErrors.BadRequest("Give {\"enabled\":true,\"timeScale\":5,\"resourceUnitsPer10Seconds\":null,\"writesPer150Seconds\":3000,...}.");
            Valid(() =>
            {
                throttle.Configure(options);
                return options;
            });
            await JsonResponse.WriteAsync(context, 200, ThrottlingView(throttle)).ConfigureAwait(false);
        });

        group.MapDelete("/throttling", (GraphThrottle throttle) =>
        {
            throttle.Configure(new ThrottlingOptions());
            return Results.NoContent();
        });
    }

    private static readonly System.Text.Json.JsonSerializerOptions CamelCase = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The limits in force (camelCase, as POSTed) plus the decisions counted since they were set.</summary>
    private static JsonObject ThrottlingView(GraphThrottle throttle)
    {
        var view = System.Text.Json.JsonSerializer.SerializeToNode(throttle.Options, CamelCase)!.AsObject();
        view["counters"] = System.Text.Json.JsonSerializer.SerializeToNode(throttle.Counters, CamelCase);
        return view;
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
