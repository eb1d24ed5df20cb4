using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Per-request delay: fixed milliseconds plus a uniform jitter of ± <paramref name="JitterMs"/> (never below 0) for Graph
/// requests; <paramref name="TokenMs"/> before the identity provider's token endpoint answers (a slow sign-in, to stop one).
/// </summary>
internal sealed record LatencySettings(int FixedMs = 0, int JitterMs = 0, int TokenMs = 0)
{
    public static readonly LatencySettings None = new();

    public LatencySettings Validated() => FixedMs is >= 0 and <= 600_000 && JitterMs is >= 0 and <= 600_000 && TokenMs is >= 0 and <= 600_000
        ? this
        : throw new ArgumentException("fixedMs, jitterMs and tokenMs must be from 0 to 600000.");

    public JsonObject ToJson() => new() { ["fixedMs"] = FixedMs, ["jitterMs"] = JitterMs, ["tokenMs"] = TokenMs };
}

/// <summary>
/// Pipeline stage for every Graph request (direct or inner, not the /$batch container): waits the configured
/// latency before the request is handled. Inner requests of a batch run concurrently, so a batch takes about
/// as long as its slowest inner request. The wait holds no lock and ends early if the client goes away.
/// </summary>
internal sealed class Latency(EmulatorOptions options)
{
    private LatencySettings _settings = options.Latency;
    private int _tokenRequestsWaiting;

    /// <summary>Token requests now held by <see cref="DelayTokenRequestAsync"/>: a test sees a sign-in is in flight.</summary>
    public int TokenRequestsWaiting => Volatile.Read(ref _tokenRequestsWaiting);

    public LatencySettings Settings => Volatile.Read(ref _settings);

    public void Configure(LatencySettings settings) => Volatile.Write(ref _settings, settings.Validated());

    /// <summary>Back to the start-up latency (the command line's, else none).</summary>
    public void Reset() => Configure(options.Latency);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var settings = Settings;
        var delay = settings.JitterMs == 0
            ? settings.FixedMs
            : Math.Max(0, settings.FixedMs + Random.Shared.Next(-settings.JitterMs, settings.JitterMs + 1));
        return delay == 0 ? next(context) : DelayedAsync(context, next, delay);
    }

    /// <summary>
    /// Holds a token request for <see cref="LatencySettings.TokenMs"/>. False when the client went away meanwhile (a
    /// cancelled sign-in): there is no one to answer.
    /// </summary>
    public async Task<bool> DelayTokenRequestAsync(HttpContext context)
    {
        var delay = Settings.TokenMs;
        if (delay == 0) return true;
        Interlocked.Increment(ref _tokenRequestsWaiting);
        try
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _tokenRequestsWaiting);
        }
    }

    private static async Task DelayedAsync(HttpContext context, RequestDelegate next, int delay)
    {
        await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
