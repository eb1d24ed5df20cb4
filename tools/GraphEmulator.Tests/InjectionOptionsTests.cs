using System.Text.Json.Nodes;
using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Start-up options for faults, latency and the request log; unit-level apart from one in-process emulator.</summary>
public sealed class InjectionOptionsTests
{
    [Fact]
    public void Command_line_reads_fault_latency_and_log_options()
    {
        var options = CommandLine.Parse([
            "--faults", "429=0.05, 503=0.02,lostAnswer=0.01", "--fault-seed", "9", "--fault-retry-after", "2.128", "--fault-hang-seconds", "5",
            "--fault-methods", "patch,post", "--fault-writes-only", "true", "--paging", "endless",
            "--latency-ms", "200", "--latency-jitter-ms", "50", "--request-log-capacity", "5000",
            "--throttling", "true", "--time-scale", "5", "--throttle-resource-units", "800", "--throttle-writes", "300",
            "--throttle-app-resource-units", "1000", "--throttle-app-writes", "2000", "--throttle-tenant-writes", "3000",
        ]);
        Assert.True(options.Throttling.Enabled);
        Assert.Equal(5, options.Throttling.TimeScale);
        Assert.Equal(800, options.Throttling.ResourceUnitsPer10Seconds);
        Assert.Equal(300, options.Throttling.WritesPer150Seconds);
        Assert.Equal(1000, options.Throttling.AppResourceUnitsPer20Seconds);
        Assert.Equal(2000, options.Throttling.AppWritesPer5Minutes);
        Assert.Equal(3000, options.Throttling.TenantWritesPer5Minutes);
        Assert.Equal(0.05, options.Faults.Rate("429"));
        Assert.Equal(0.02, options.Faults.Rate("503"));
        Assert.Equal(0.01, options.Faults.Rate("lostAnswer"));
        Assert.Equal(0, options.Faults.Rate("drop"));
        Assert.Equal(9, options.Faults.Seed);
        Assert.Equal(2.128, options.Faults.RetryAfterSeconds);
        Assert.Equal(5, options.Faults.HangSeconds);
        Assert.Equal(["PATCH", "POST"], options.Faults.Methods);
        Assert.True(options.Faults.WritesOnly);
        Assert.Equal(PagingMode.Endless, options.Faults.Paging);
        Assert.Equal(new LatencySettings(200, 50), options.Latency);
        Assert.Equal(5000, options.RequestLogCapacity);

        Assert.Null(CommandLine.Parse(["--contract-checks", "false"]).OpenApiPath);

        var defaults = CommandLine.Parse([]);
        Assert.NotNull(defaults.OpenApiPath);
        Assert.Same(FaultSettings.None, defaults.Faults);
        Assert.Equal(LatencySettings.None, defaults.Latency);
        Assert.Equal(200_000, defaults.RequestLogCapacity);
        Assert.False(defaults.Throttling.Enabled);
        Assert.Null(defaults.Throttling.ResourceUnitsPer10Seconds);

        foreach (var bad in new[]
        {
            new[] { "--faults", "429=2" }, ["--faults", "500=0.1"], ["--faults", "429"], ["--faults", "drop=0.6,hang=0.6"],
            ["--paging", "sideways"], ["--latency-ms", "-1"], ["--request-log-capacity", "10"], ["--fault-retry-after", "soon"], ["--fault-seed", "x"],
            ["--time-scale", "0"], ["--time-scale", "fast"], ["--throttle-writes", "0"], ["--throttling", "maybe"],
        })
        {
            Assert.Throws<CommandLineException>(() => CommandLine.Parse(bad));
        }
    }

    [Fact]
    public void Request_log_keeps_its_capacity_newest_entries_in_order()
    {
        var log = new RequestLog(EmulatorOptions.WithDefaultFiles() with { RequestLogCapacity = 1000 });
        for (var i = 0; i < 1500; i++)
        {
            var sequence = log.NextSequence();
            log.Add(sequence, "t", i % 2 == 0 ? "GET" : "PATCH", new JsonObject { ["sequence"] = sequence });
        }

        var all = log.Snapshot();
        Assert.Equal(1000, all.Count);
        Assert.Equal(501, (long)all[0]!["sequence"]!);
        Assert.Equal(1500, (long)all[^1]!["sequence"]!);
        Assert.Equal(500, log.Select(null, "patch").Count);
        Assert.Equal(10, log.Select("t", after: 1490).Count);
        Assert.Empty(log.Select("other"));
    }

    [Fact]
    public async Task Reset_returns_to_the_start_up_faults_and_latency()
    {
        var options = EmulatorOptions.WithDefaultFiles() with
        {
            Faults = new FaultSettings { Rates = new Dictionary<string, double> { ["429"] = 1 }, Methods = ["PATCH"] },
            Latency = new LatencySettings(5, 0),
        };
        await using var emulator = await EmulatorHost.StartAsync(options, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = emulator.BaseUri };
        using (await client.DeleteAsync("/_emulator/faults"))
        using (await client.DeleteAsync("/_emulator/latency"))
        {
        }

        Assert.Equal(0.0, (double)(await client.GetFromJsonNodeAsync("/_emulator/faults"))["rates"]!["429"]!);
        using (await client.PostAsync("/_emulator/reset", null))
        {
        }

        var faults = await client.GetFromJsonNodeAsync("/_emulator/faults");
        Assert.Equal(1.0, (double)faults["rates"]!["429"]!);
        Assert.Equal("PATCH", (string)faults["methods"]![0]!);
        Assert.Equal(5, (int)(await client.GetFromJsonNodeAsync("/_emulator/latency"))["fixedMs"]!);
    }
}
