using PasswordReset.Completion;
using Xunit;

namespace PasswordReset.Tests.Engine.Completion;

/// <summary>The last answer is reused for the same prefix, and for a narrower one only when it was complete.</summary>
public sealed class LastAnswerCacheTests
{
    private static readonly UserSuggestion Adele = new("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "AdeleV@contoso.com", "Adele Vance");
    private static readonly UserSuggestion Admin = new("5bde3e51-d13b-4db1-9948-fe4b109d11a7", "admin@contoso.com", "MOD Administrator");
    private static readonly UserSuggestion Alex = new("4782e723-f4f4-4af3-a76e-25e3bab0d896", "AlexW@contoso.com", "Alex Wilber");
    private static readonly UserSuggestion Mod = new("9f0a3d4b-0000-4000-8000-000000000001", "mod@contoso.com", "Adam Mod");

    private TimeSpan _now = TimeSpan.FromHours(1);

    private LastAnswerCache Create() => new(TimeSpan.FromSeconds(30), () => _now);

    [Fact]
    public void NothingIsKnownBeforeAnAnswer() => Assert.Null(Create().TryAnswer("a"));

    [Fact]
    public void ANarrowerPrefixIsAnsweredFromACompleteAnswerByUpnOrDisplayNameIgnoringCase()
    {
        var cache = Create();
        cache.Store("a", new[] { Adele, Admin, Alex, Mod }, complete: true);

        Assert.Equal(new[] { Adele, Admin, Mod }, cache.TryAnswer("AD"));
        Assert.Equal(new[] { Adele }, cache.TryAnswer("adele"));
        Assert.Empty(cache.TryAnswer("adx")!);
        // Backspacing to a prefix the answer still covers needs no request either.
        Assert.Equal(new[] { Adele, Admin, Alex, Mod }, cache.TryAnswer("A"));
    }

    [Fact]
    public void AnIncompleteAnswerServesOnlyItsOwnPrefix()
    {
        var cache = Create();
        cache.Store("ad", new[] { Adele, Admin }, complete: false);

        Assert.Equal(new[] { Adele, Admin }, cache.TryAnswer("Ad"));
        Assert.Null(cache.TryAnswer("ade"));
    }

    [Fact]
    public void AWiderOrDifferentPrefixNeedsARequest()
    {
        var cache = Create();
        cache.Store("ad", new[] { Adele, Admin }, complete: true);

        Assert.Null(cache.TryAnswer("a"));
        Assert.Null(cache.TryAnswer("al"));
    }

    [Fact]
    public void AnAnswerExpiresAfterItsLifetime()
    {
        var cache = Create();
        cache.Store("a", new[] { Adele }, complete: true);
        _now += TimeSpan.FromSeconds(29);
        Assert.NotNull(cache.TryAnswer("ad"));
        _now += TimeSpan.FromSeconds(1);
        Assert.Null(cache.TryAnswer("a"));
        Assert.Null(cache.TryAnswer("ad"));
    }

    [Fact]
    public void OnlyTheLastAnswerIsKept()
    {
        var cache = Create();
        cache.Store("a", new[] { Adele, Alex }, complete: true);
        cache.Store("m", new[] { Mod }, complete: true);

        Assert.Null(cache.TryAnswer("al"));
        Assert.Equal(new[] { Mod }, cache.TryAnswer("mo"));
    }
}
