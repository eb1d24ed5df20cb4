using PasswordReset.Graph.Batching;
using Xunit;
using Xunit.Abstractions;

namespace PasswordReset.Tests.Engine.Batching;

/// <summary>
/// The pacer against a simulated Graph write quota, in virtual time (no clock, no threads): a token bucket of 3,000
/// writes refilled at 100/s (§6's quota on the time scale 5 the benchmark uses, unknown to the client),
/// <c>x-ms-throttle-limit-percentage</c> above 80% use, 429 with Retry-After when empty. The client follows the
/// dispatcher's rules: a batch of up to 20 when the window, the hold and the write rate allow.
/// </summary>
public sealed class PacerSimulationTests
{
    private readonly ITestOutputHelper _output;

    public PacerSimulationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(100, 0.200, 0.050, 0.01, 2, 1)]
    [InlineData(100, 0.200, 0.050, 1.0, 2, 2)]
    [InlineData(100, 0.050, 0.010, 0.01, 2, 3)]
    [InlineData(100, 0.005, 0.002, 0.01, 2, 5)]
    [InlineData(100, 0.500, 0.200, 2.128, 2, 4)]
    [InlineData(100, 0.200, 0.050, 0.5, 1, 6)]
    [InlineData(20, 0.200, 0.050, 2.128, 3, 7)]
    [InlineData(300, 0.200, 0.050, 0.01, 2, 8)]
    [InlineData(60, 0.200, 0.050, 1.0, 2, 9, 40)]
    [InlineData(100, 0.200, 0.050, 1.0, 2, 10, 0, 1_000)]
    public void HoldsTheServersWriteRateWithFew429s(double refill, double latency, double jitter, double retryAfter, int digits, int seed, double others = 0, double capacity = 3_000)
    {
        // "others": writes per second another app spends from the same bucket (the client sees only the percentage).
        var result = Simulate(10_000, capacity, refill, latency, jitter, retryAfter, digits, seed, others);
        double minimum = (10_000 - capacity) / (refill - others);
        _output.WriteLine($"total {result.Total:0.0} s (minimum {minimum} s, {minimum / result.Total:P1}), after burst {result.AfterBurstRate:0.0}/s, 429s {result.Throttled}, batches {result.Batches}");
        Assert.True(minimum / result.Total >= 0.90, $"took {result.Total:0.0} s against a minimum of {minimum} s");
        Assert.True(result.AfterBurstRate >= 0.9 * refill, $"sustained {result.AfterBurstRate:0.0} writes/s after the burst");
        Assert.True(result.Throttled <= 200, $"{result.Throttled} 429s");
    }

    private sealed record Outcome(double Total, double AfterBurstRate, int Throttled, int Batches);

    private static Outcome Simulate(int users, double capacity, double refill, double latency, double jitter, double retryAfter, int digits, int seed, double others)
    {
        var random = new Random(seed);
        var options = new PacingOptions();
        double now = 0;
        TimeSpan T(double s) => TimeSpan.FromSeconds(s);
        var pacer = new AdaptivePacer(options, throttleLimit: 8, batchSize: 20, T(0));

        double tokens = capacity, lastRefill = 0;
        int queued = users, done = 0, throttled = 0, batches = 0, inFlight = 0;
        double burstEnd = -1;
        var events = new PriorityQueue<Action, double>();
        void At(double t, Action a) => events.Enqueue(a, t);

        void Pump()
        {
            while (queued > 0 && inFlight < pacer.Window)
            {
                int n = Math.Min(20, queued);
                TimeSpan wait = pacer.TimeUntil(n, 0, T(now));
                if (wait > TimeSpan.Zero)
                {
                    At(now + Math.Max(wait.TotalSeconds, 1e-4), Pump);
                    return;
                }

                pacer.Sent(n, 0, T(now));
                queued -= n;
                inFlight++;
                batches++;
                double rtt = latency + (random.NextDouble() * 2 - 1) * jitter;
                double sentAt = now;
                At(sentAt + rtt / 2, () =>
                {
                    // Graph processes the batch: each inner write takes a token or gets 429.
                    tokens = Math.Min(capacity, tokens + (now - lastRefill) * (refill - others));
                    lastRefill = now;
                    var answers = new List<(bool Ok, double? P)>();
                    for (int i = 0; i < n; i++)
                    {
                        bool ok = tokens >= 1;
                        if (ok) tokens -= 1;
                        double used = 1 - tokens / capacity;
                        answers.Add((ok, used > 0.8 ? Math.Round(ok ? used : 1.0 + (1 - tokens), digits) : null));
                    }

                    At(sentAt + rtt, () =>
                    {
                        inFlight--;
                        int retries = 0;
                        foreach (var (ok, p) in answers)
                        {
                            pacer.Answered(true, p, T(now));
                            if (ok)
                            {
                                done++;
                                if (done == (int)capacity) burstEnd = now;
                            }
                            else
                            {
                                throttled++;
                                retries++;
                                pacer.Throttled(true, T(retryAfter), T(now));
                            }
                        }

                        if (retries > 0) At(now + retryAfter, () => { queued += retries; Pump(); });
                        Pump();
                    });
                });
            }
        }

        At(0, Pump);
        while (done < users && events.TryDequeue(out var action, out double t))
        {
            now = t;
            action();
            if (now > 1000) throw new InvalidOperationException("The simulation did not finish.");
        }

        return new Outcome(now, (users - capacity) / (now - burstEnd) + others, throttled, batches);
    }
}
