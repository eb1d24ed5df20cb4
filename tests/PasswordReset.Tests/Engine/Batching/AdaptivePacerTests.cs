using System.Globalization;
using PasswordReset.Graph.Batching;
using Xunit;

namespace PasswordReset.Tests.Engine.Batching;

/// <summary>The pacer's rules with a hand-driven clock.</summary>
public sealed class AdaptivePacerTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    // Feeds a steady stream of write answers: 'count' over 'duration', each with the given percentage.
    private static TimeSpan Feed(AdaptivePacer pacer, TimeSpan start, int count, TimeSpan duration, Func<int, double?> percentage)
    {
        for (int i = 1; i <= count; i++) pacer.Answered(true, percentage(i), start + duration * i / count);
        return start + duration;
    }

    [Fact]
    public void SendsUnlimitedWithoutSignalsThenFallsAsThePercentageRises()
    {
        var pacer = new AdaptivePacer(new PacingOptions(), throttleLimit: 8, batchSize: 20, TimeSpan.Zero);
        TimeSpan now = Feed(pacer, TimeSpan.Zero, 400, Ms(1000), _ => null);
        Assert.True(double.IsPositiveInfinity(pacer.WriteRate));
        Assert.Equal(8, pacer.Window);
        Assert.Equal(TimeSpan.Zero, pacer.TimeUntil(20, 0, now));

        // The header appears and climbs: the rate is cut at once and keeps falling while it rises.
        now = Feed(pacer, now, 10, Ms(25), i => 0.80 + i * 0.002);
        double first = pacer.WriteRate;
        Assert.False(double.IsPositiveInfinity(first));
        Assert.True(first <= 200, $"first limit {first}");
        now = Feed(pacer, now, 50, Ms(500), i => 0.82 + i * 0.002);
        double later = pacer.WriteRate;
        Assert.True(later < first, $"{later} after {first}");
        Assert.InRange(pacer.Window, 2, 7);
        pacer.Sent(20, 0, now); // a full batch spends the lane's burst: the next one waits for the rate
        Assert.True(pacer.TimeUntil(20, 0, now) >= TimeSpan.FromSeconds(20 / later) * 0.99);
        Assert.Equal(TimeSpan.Zero, pacer.TimeUntil(0, 20, now)); // reads have their own quota and signal
    }

    [Fact]
    public void HoldsAStablePercentageInsideTheBandAndProbesUpBelowIt()
    {
        var pacer = new AdaptivePacer(new PacingOptions(), 8, 20, TimeSpan.Zero);
        TimeSpan now = Feed(pacer, TimeSpan.Zero, 100, Ms(1000), _ => null);
        now = Feed(pacer, now, 100, Ms(1000), _ => 0.9);
        double inBand = pacer.WriteRate;
        now = Feed(pacer, now, 100, Ms(1000), _ => 0.9);
        Assert.Equal(inBand, pacer.WriteRate);

        now = Feed(pacer, now, 100, Ms(1000), _ => 0.81);
        Assert.True(pacer.WriteRate > inBand);
    }

    [Fact]
    public void LiftsTheLimitAfterAQuietPeriod()
    {
        var options = new PacingOptions { QuietPeriod = TimeSpan.FromSeconds(3) };
        var pacer = new AdaptivePacer(options, 8, 20, TimeSpan.Zero);
        TimeSpan now = Feed(pacer, TimeSpan.Zero, 100, Ms(1000), _ => null);
        now = Feed(pacer, now, 100, Ms(1000), _ => 0.97);
        double limited = pacer.WriteRate;
        Assert.False(double.IsPositiveInfinity(limited));

        now = Feed(pacer, now, 20, Ms(1000), _ => null);
        Assert.True(pacer.WriteRate > limited); // probing up while quiet
        Assert.False(double.IsPositiveInfinity(pacer.WriteRate));
        now = Feed(pacer, now, 60, Ms(3000), _ => null);
        Assert.True(double.IsPositiveInfinity(pacer.WriteRate));
        Assert.Equal(8, pacer.Window);
    }

    [Fact]
    public void A429HoldsEverySenderForTheLongestRetryAfterAndCutsTheRate()
    {
        var events = new List<BatchEvent>();
        var pacer = new AdaptivePacer(new PacingOptions(), 8, 20, TimeSpan.Zero, events.Add);
        TimeSpan now = Feed(pacer, TimeSpan.Zero, 200, Ms(1000), _ => null);

        // A storm: the batch's answers are all 429 (each answer is counted, then its 429 reported, as the dispatcher does).
        for (int i = 0; i < 10; i++)
        {
            pacer.Answered(true, null, now);
            pacer.Throttled(true, TimeSpan.FromSeconds(i == 0 ? 2.128 : 1), now + Ms(i));
        }

        Assert.Equal(TimeSpan.FromSeconds(2.128), pacer.HoldRemaining(now));
        Assert.Equal(TimeSpan.FromSeconds(2.128), pacer.TimeUntil(0, 1, now)); // reads wait too
        Assert.Equal(TimeSpan.Zero, pacer.HoldRemaining(now + TimeSpan.FromSeconds(2.128)));
        Assert.Equal(1, pacer.Holds);
        Assert.InRange(pacer.WriteRate, 1, 150); // about half the 200/s measured, cut once for the burst of 429s
        Assert.Contains(events, e => e.Kind == BatchEventKind.Hold);
        Assert.Contains(events, e => e.Kind == BatchEventKind.RateChanged);
    }

    [Fact]
    public void AStray429HoldsEverySenderButCutsNoRate()
    {
        var pacer = new AdaptivePacer(new PacingOptions(), 8, 20, TimeSpan.Zero, null);
        TimeSpan now = Feed(pacer, TimeSpan.Zero, 200, Ms(1000), _ => null);
        pacer.Answered(true, null, now);
        pacer.Throttled(true, TimeSpan.FromSeconds(0.5), now);
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.HoldRemaining(now));
        Assert.True(double.IsPositiveInfinity(pacer.WriteRate));
    }

    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("0", 0)]
    [InlineData(" 3 ", 3000)]
    public void RetryAfterIsReadAsInvariantFractionalSeconds(string value, int expectedMs)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a decimal comma must not matter
            Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ThrottleHeaders.ParseRetryAfter(value, DateTimeOffset.UtcNow));
            Assert.Equal(0.85, ThrottleHeaders.ParseLimitPercentage("0.85"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void RetryAfterAcceptsAnHttpDateAndRefusesNonsense()
    {
        var now = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), ThrottleHeaders.ParseRetryAfter(now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture), now));
        Assert.Null(ThrottleHeaders.ParseRetryAfter("soon", now));
        Assert.Null(ThrottleHeaders.ParseRetryAfter("-1", now));
        Assert.Null(ThrottleHeaders.ParseRetryAfter(null, now));
    }
}
