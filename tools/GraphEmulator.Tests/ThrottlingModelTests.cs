using System.Globalization;
using GraphEmulator;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>
/// The emulator's throttling model against graph-facts.md §6 (identity and access limits, costs, headers).
/// A fake clock stands still unless a test advances it, so bursts are exact and nothing waits.
/// </summary>
public sealed class ThrottlingModelTests
{
    private const string App = "11111111-1111-1111-1111-111111111111";
    private const string OtherApp = "22222222-2222-2222-2222-222222222222";
    private const string Tenant = "0785ef7c-2d7a-4542-b048-95bcab406e0b";
    private const int LargeTenant = 1000; // L: 8,000 RU per 10 s, so a write burst is limited by writes only

    private static readonly RequestCost Patch = RequestCost.For("PATCH", false, false, false, null);
    private static readonly RequestCost GetUser = RequestCost.For("GET", false, false, false, null);

    private readonly FakeTimeProvider _clock = new();

    [Theory]
    [InlineData("GET", true, false, false, null, 2, 0)]    // GET /users
    [InlineData("GET", true, true, false, null, 1, 0)]     // GET /users?$select=
    [InlineData("GET", true, false, false, 10, 1, 0)]      // $top < 20: −1
    [InlineData("GET", true, false, false, 20, 2, 0)]      // $top = 20: no discount
    [InlineData("GET", true, false, false, 999, 2, 0)]
    [InlineData("GET", true, true, false, 5, 1, 0)]        // 2 − 1 − 1 = 0 → minimum 1
    [InlineData("GET", true, false, true, null, 3, 0)]     // $expand: +1
    [InlineData("GET", true, true, true, null, 2, 0)]
    [InlineData("GET", false, false, false, null, 1, 0)]   // GET /users/{id}, /users/$count
    [InlineData("GET", false, true, false, null, 1, 0)]    // minimum 1
    [InlineData("GET", false, false, true, null, 2, 0)]
    [InlineData("get", false, false, false, null, 1, 0)]
    [InlineData("PATCH", false, false, false, null, 1, 1)]
    [InlineData("patch", false, false, false, null, 1, 1)]
    [InlineData("POST", true, false, false, null, 1, 1)]
    [InlineData("PUT", false, false, false, null, 1, 1)]
    [InlineData("DELETE", false, false, false, null, 1, 1)]
    [InlineData("PATCH", false, true, false, null, 1, 1)]  // minimum 1
    public void Costs_follow_the_identity_table(string method, bool collection, bool select, bool expand, int? top,
        int resourceUnits, int writes) =>
        Assert.Equal(new RequestCost(resourceUnits, writes), RequestCost.For(method, collection, select, expand, top));

    [Fact]
    public void A_burst_of_3000_writes_passes_and_the_next_is_refused_with_Graph_headers()
    {
        var throttle = Enabled();
        for (var i = 0; i < 3000; i++)
        {
            Assert.True(throttle.Admit(App, Tenant, LargeTenant, Patch).Allowed, $"write {i + 1}");
        }

        var refused = throttle.Admit(App, Tenant, LargeTenant, Patch);

        Assert.False(refused.Allowed);
        Assert.Equal("WriteLimitExceeded", refused.Headers["x-ms-throttle-information"]);
        Assert.Equal($"Tenant_Application/Write/{App}/{Tenant}", refused.Headers["x-ms-throttle-scope"]);
        Assert.Equal("1", refused.Headers["x-ms-resource-unit"]);
        // One write refills in 50 ms at 20/s; the 1 s floor (our assumption) wins.
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Equal("1", refused.Headers["Retry-After"]);
        Assert.True(Percentage(refused) > 1.0m);
        Assert.Equal(new ThrottleCounters(3000, 1, 1, 0), throttle.Counters);
    }

    [Fact]
    public void Retry_after_is_fractional_to_the_millisecond_and_waiting_it_is_enough()
    {
        // 3 RU per 10 s refills 0.3 RU/s: a 3-RU request with 1 RU left waits 2 ÷ 0.3 = 6.6667 s (above the floor).
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, ResourceUnitsPer10Seconds = 3 });
        var expand = RequestCost.For("GET", false, false, true, null); // 2 RU
        Assert.True(throttle.Admit(App, Tenant, 10, expand).Allowed);   // 1 RU left

        var refused = throttle.Admit(App, Tenant, 10, RequestCost.For("GET", true, false, true, null)); // 3 RU

        Assert.False(refused.Allowed);
        Assert.Equal("ResourceUnitLimitExceeded", refused.Headers["x-ms-throttle-information"]);
        Assert.Equal($"Tenant_Application/ReadWrite/{App}/{Tenant}", refused.Headers["x-ms-throttle-scope"]);
        Assert.Equal("6.667", refused.Headers["Retry-After"]); // rounded up to the millisecond
        Assert.Equal(TimeSpan.FromMilliseconds(6667), refused.RetryAfter);

        _clock.Advance(TimeSpan.FromMilliseconds(6666));
        Assert.False(throttle.Admit(App, Tenant, 10, RequestCost.For("GET", true, false, true, null)).Allowed);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.Admit(App, Tenant, 10, RequestCost.For("GET", true, false, true, null)).Allowed);
    }

    [Fact]
    public void Writes_refill_at_20_per_second()
    {
        var throttle = Enabled();
        Drain(throttle, 3000);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(20, Drain(throttle, 100));

        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(3000, Drain(throttle, 5000)); // a whole window refills the whole burst, no more
    }

    [Fact]
    public void Time_scale_5_gives_3000_writes_per_30_seconds_and_100_per_second()
    {
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, TimeScale = 5 });
        Assert.Equal(3000, Drain(throttle, 5000));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(100, Drain(throttle, 1000));

        _clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, Drain(throttle, 10));

        var refused = throttle.Admit(App, Tenant, LargeTenant, Patch);
        Assert.Equal(TimeSpan.FromMilliseconds(200), refused.RetryAfter); // the floor, scaled: 1 s ÷ 5
        Assert.Equal("0.2", refused.Headers["Retry-After"]);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3000, Drain(throttle, 5000));
    }

    [Theory]
    [InlineData(0, 3500)]
    [InlineData(49, 3500)]  // S: < 50 users
    [InlineData(50, 5000)]  // M: 50–500
    [InlineData(500, 5000)]
    [InlineData(501, 8000)] // L: > 500
    [InlineData(100000, 8000)]
    public void Resource_units_per_10_seconds_follow_tenant_size(int users, int limit)
    {
        var throttle = Enabled();
        var admitted = 0;
        while (throttle.Admit(App, Tenant, users, GetUser).Allowed && admitted <= limit)
        {
            admitted++;
        }

        Assert.Equal(limit, admitted);
        Assert.Equal(limit, ThrottlingOptions.ResourceUnitsForTenantSize(users));

        _clock.Advance(TimeSpan.FromSeconds(1)); // a tenth of the window refills a tenth of the limit
        Assert.Equal(limit / 10, Drain(throttle, limit, users, GetUser));
    }

    [Fact]
    public void Configured_resource_units_override_tenant_size()
    {
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, ResourceUnitsPer10Seconds = 10 });
        var collection = RequestCost.For("GET", true, false, false, null); // 2 RU

        Assert.Equal(5, Drain(throttle, 100, LargeTenant, collection));
    }

    [Fact]
    public void Limit_percentage_appears_only_above_80_percent_and_reads_1_00_when_empty()
    {
        var throttle = Enabled();
        for (var i = 1; i <= 2400; i++)
        {
            var decision = throttle.Admit(App, Tenant, LargeTenant, Patch);
            Assert.False(decision.Headers.ContainsKey("x-ms-throttle-limit-percentage"), $"write {i}");
            Assert.Equal("1", decision.Headers["x-ms-resource-unit"]);
        }

        var above = throttle.Admit(App, Tenant, LargeTenant, Patch); // 2,401 of 3,000
        Assert.Equal("0.80", above.Headers["x-ms-throttle-limit-percentage"]);
        Drain(throttle, 149);
        Assert.Equal("0.85", throttle.Admit(App, Tenant, LargeTenant, Patch).Headers["x-ms-throttle-limit-percentage"]);
        Drain(throttle, 448);

        var last = throttle.Admit(App, Tenant, LargeTenant, Patch); // the 3,000th
        Assert.True(last.Allowed);
        Assert.Equal("1.00", last.Headers["x-ms-throttle-limit-percentage"]);

        // Refused: above 1.0, growing with the share refused, never past 1.8.
        var percentages = Enumerable.Range(0, 500).Select(_ => Percentage(throttle.Admit(App, Tenant, LargeTenant, Patch))).ToList();
        Assert.All(percentages, p => Assert.InRange(p, 1.01m, 1.80m));
        Assert.True(percentages[^1] > percentages[0]);
        Assert.Equal(1.80m, percentages[^1]);
    }

    [Fact]
    public void Reads_never_touch_the_write_quota()
    {
        var throttle = Enabled();
        Drain(throttle, 3000);

        var read = throttle.Admit(App, Tenant, LargeTenant, GetUser);

        Assert.True(read.Allowed);
        Assert.Equal("1", read.Headers["x-ms-resource-unit"]);
    }

    [Fact]
    public void Tenant_wide_write_limit_spans_apps()
    {
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, TenantWritesPer5Minutes = 100 });
        Assert.Equal(60, Drain(throttle, 60));

        var admitted = 0;
        ThrottleDecision decision;
        while ((decision = throttle.Admit(OtherApp, Tenant, LargeTenant, Patch)).Allowed)
        {
            admitted++;
        }

        Assert.Equal(40, admitted);
        Assert.Equal("WriteLimitExceeded", decision.Headers["x-ms-throttle-information"]);
        Assert.Equal($"Tenant/Write/{OtherApp}/{Tenant}", decision.Headers["x-ms-throttle-scope"]);
        Assert.True(throttle.Admit(App, "another-tenant", LargeTenant, Patch).Allowed);
    }

    [Fact]
    public void App_wide_limits_span_tenants()
    {
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, AppWritesPer5Minutes = 10, AppResourceUnitsPer20Seconds = 15 });
        Assert.Equal(6, Drain(throttle, 6, LargeTenant, Patch));

        var writes = Enumerable.Range(0, 5).Select(_ => throttle.Admit(App, "tenant-b", LargeTenant, Patch)).ToList();
        Assert.Equal([true, true, true, true, false], writes.Select(d => d.Allowed));
        var refused = writes[^1];
        Assert.Equal($"Application/Write/{App}/tenant-b", refused.Headers["x-ms-throttle-scope"]);

        var reads = Enumerable.Range(0, 5).Select(_ => throttle.Admit(App, "tenant-b", LargeTenant, GetUser)).ToList();
        Assert.Equal(5, reads.Count(d => d.Allowed)); // 10 RU used by writes + 5 = 15
        var noRu = throttle.Admit(App, "tenant-c", LargeTenant, GetUser);
        Assert.Equal("ResourceUnitLimitExceeded", noRu.Headers["x-ms-throttle-information"]);
        Assert.Equal($"Application/ReadWrite/{App}/tenant-c", noRu.Headers["x-ms-throttle-scope"]);
        Assert.True(throttle.Admit(OtherApp, Tenant, LargeTenant, Patch).Allowed);
    }

    [Fact]
    public void A_refused_request_consumes_nothing()
    {
        // 5 RU per 10 s: a 3-RU request is refused while 2 RU remain, and those 2 RU still serve two 1-RU reads.
        var throttle = Enabled(new ThrottlingOptions { Enabled = true, ResourceUnitsPer10Seconds = 5 });
        var three = RequestCost.For("GET", true, false, true, null);
        Assert.True(throttle.Admit(App, Tenant, 10, three).Allowed);

        for (var i = 0; i < 50; i++)
        {
            Assert.False(throttle.Admit(App, Tenant, 10, three).Allowed);
        }

        Assert.Equal(2, Drain(throttle, 10, 10, GetUser));

        // A write refused by its RU bucket takes nothing from the write buckets either.
        var writes = Enabled(new ThrottlingOptions { Enabled = true, ResourceUnitsPer10Seconds = 1, WritesPer150Seconds = 2 });
        Assert.True(writes.Admit(App, Tenant, 10, GetUser).Allowed);
        Assert.False(writes.Admit(App, Tenant, 10, Patch).Allowed);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(writes.Admit(App, Tenant, 10, Patch).Allowed);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(writes.Admit(App, Tenant, 10, Patch).Allowed); // second of 2 writes: the refusal took none
    }

    [Fact]
    public void Disabled_model_never_refuses_and_sends_only_the_resource_unit()
    {
        var throttle = new GraphThrottle(new ThrottlingOptions(), _clock);
        var collection = RequestCost.For("GET", true, false, false, null);
        for (var i = 0; i < 10_000; i++)
        {
            var decision = throttle.Admit(App, Tenant, 10, i % 2 == 0 ? Patch : collection);
            Assert.True(decision.Allowed);
            Assert.Null(decision.RetryAfter);
            Assert.Equal(i % 2 == 0 ? "1" : "2", Assert.Single(decision.Headers).Value);
        }

        Assert.Equal(new ThrottleCounters(10_000, 0, 0, 0), throttle.Counters);
    }

    [Fact]
    public void Reset_refills_every_bucket_and_Configure_swaps_limits()
    {
        var throttle = Enabled();
        Drain(throttle, 3000);
        Assert.False(throttle.Admit(App, Tenant, LargeTenant, Patch).Allowed);

        throttle.Reset();
        Assert.Equal(default, throttle.Counters);
        Assert.Equal(3000, Drain(throttle, 5000));

        throttle.Configure(new ThrottlingOptions { Enabled = true, WritesPer150Seconds = 10 });
        Assert.Equal(10, throttle.Options.WritesPer150Seconds);
        Assert.Equal(10, Drain(throttle, 100));

        throttle.Configure(throttle.Options with { Enabled = false });
        Assert.Equal(100, Drain(throttle, 100));

        Assert.Throws<ArgumentOutOfRangeException>(() => throttle.Configure(new ThrottlingOptions { TimeScale = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => throttle.Configure(new ThrottlingOptions { WritesPer150Seconds = 0 }));
        Assert.False(throttle.Options.Enabled); // a rejected configuration changes nothing
    }

    [Fact]
    public void A_tenant_that_grows_gets_the_larger_limit_keeping_what_it_used()
    {
        var throttle = Enabled();
        Assert.Equal(3500, Drain(throttle, 4000, 10, GetUser));

        Assert.Equal(1500, Drain(throttle, 4000, 60, GetUser)); // now M: 5,000, of which 3,500 used
    }

    [Fact]
    public void Parallel_admits_in_a_frozen_clock_never_pass_more_than_the_burst()
    {
        var throttle = Enabled();
        var admitted = 0;

        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (throttle.Admit(App, Tenant, LargeTenant, Patch).Allowed)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(3000, admitted);
        Assert.Equal(new ThrottleCounters(3000, 7000, 7000, 0), throttle.Counters);
    }

    private GraphThrottle Enabled(ThrottlingOptions? options = null) =>
        new(options ?? new ThrottlingOptions { Enabled = true }, _clock);

    // Admits until the first refusal (at most max); returns how many passed.
    private static int Drain(GraphThrottle throttle, int max, int users = LargeTenant, RequestCost? cost = null)
    {
        var admitted = 0;
        while (admitted < max && throttle.Admit(App, Tenant, users, cost ?? Patch).Allowed)
        {
            admitted++;
        }

        return admitted;
    }

    private static decimal Percentage(ThrottleDecision decision) =>
        decimal.Parse(decision.Headers["x-ms-throttle-limit-percentage"], CultureInfo.InvariantCulture);
}
