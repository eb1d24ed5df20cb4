using System.Net;
using Azure.Core;
using PasswordReset.Auth;
using PasswordReset.Completion;
using PasswordReset.Graph;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine.Completion;

/// <summary>
/// User completion through the real Graph SDK and handler pipeline over an in-memory final handler: the request it sends,
/// that it sends at most one per call (no retry of any kind), the cache, and that failures complete nothing.
/// </summary>
public sealed class UserCompletionTests
{
    private const string Adele = "{\"id\":\"87d349ed-44d7-43e1-9a83-5f2406dee5bd\",\"userPrincipalName\":\"AdeleV@contoso.com\",\"displayName\":\"Adele Vance\"}";
    private const string AdminAdele = "{\"id\":\"aea93cec-f288-451a-be1d-3af1c1404b4c\",\"userPrincipalName\":\"$AdeleVance@contoso.com\",\"displayName\":\"Adele Vance (Admin)\"}";
    private const string Guest = "{\"id\":\"39807bd1-3dde-48f3-8165-81ddd4e46de0\",\"userPrincipalName\":\"AdeleV_adatum.com#EXT#@contoso.com\",\"displayName\":\"Adele Vance\"}";
    private const string NextLink = ",\"@odata.nextLink\":\"http://127.0.0.1:5080/v1.0/users?$top=20&$skiptoken=abc\"";

    private TimeSpan _now = TimeSpan.FromHours(1);

    private (UserCompletion Completion, RecordingHandler Handler) Create(TimeSpan? timeout = null, HttpMessageHandler? finalHandler = null)
    {
        var handler = new RecordingHandler();
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        var connection = GraphConnectionFactory.Create(CredentialFactory.ForAccessToken(credential, GraphEnvironment.Global), GraphEnvironment.Global,
            new Uri("http://127.0.0.1:5080"), finalHandler: finalHandler ?? new AnsweringAsSent(handler));
        return (new UserCompletion(new UserDirectory(connection), timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), () => _now), handler);
    }

    private static string Page(bool more, params string[] users) => "{\"value\":[" + string.Join(",", users) + "]" + (more ? NextLink : "") + "}";

    private static Dictionary<string, string> Query(HttpRequestMessage request) =>
        request.RequestUri!.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    [Theory]
    [InlineData("ade", "ade")]
    [InlineData("'Ciara.O'N'", "Ciara.O''N")]
    [InlineData("'$Ad'", "$Ad")]
    [InlineData("'a_contoso.com#EXT'", "a_contoso.com#EXT")]
    [InlineData("'R&D + 100%'", "R&D + 100%")]
    public async Task SendsOneStartsWithFilterOnUpnAndDisplayNameWithTop20(string word, string literal)
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(false));

        await completion.CompleteAsync(word, UserCompletionValue.UserPrincipalName, CancellationToken.None);

        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1.0/users", request.RequestUri!.AbsolutePath);
        var query = Query(request);
        Assert.Equal($"startswith(userPrincipalName,'{literal}') or startswith(displayName,'{literal}')", query["$filter"]);
        Assert.Equal("20", query["$top"]);
        Assert.Equal("id,userPrincipalName,displayName", query["$select"]);
        Assert.False(query.ContainsKey("$count"));
        Assert.False(request.Headers.Contains("ConsistencyLevel"));
        // Every reserved character of the literal is percent-encoded, so it cannot end the query option early.
        Assert.DoesNotContain("#", request.RequestUri.OriginalString, StringComparison.Ordinal);
        Assert.Equal(3, request.RequestUri.Query.Count(c => c == '&') + 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("' '")]
    public async Task AnEmptyPrefixSendsNothingAndCompletesNothing(string? word)
    {
        var (completion, handler) = Create();
        Assert.Empty(await completion.CompleteAsync(word, UserCompletionValue.UserPrincipalName, CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task InsertsQuotedUpnsSortedWithTheDisplayNameInTheToolTip()
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(false, Guest, Adele, AdminAdele));

        var items = await completion.CompleteAsync("adele", UserCompletionValue.UserPrincipalName, CancellationToken.None);

        Assert.Equal(new[] { "'$AdeleVance@contoso.com'", "AdeleV@contoso.com", "'AdeleV_adatum.com#EXT#@contoso.com'" }, items.Select(i => i.CompletionText));
        Assert.Equal(new[] { "$AdeleVance@contoso.com", "AdeleV@contoso.com", "AdeleV_adatum.com#EXT#@contoso.com" }, items.Select(i => i.ListItemText));
        Assert.Equal("Adele Vance (Admin): $AdeleVance@contoso.com, id aea93cec-f288-451a-be1d-3af1c1404b4c", items[0].ToolTip);
    }

    [Fact]
    public async Task IdCompletionInsertsTheObjectIdAndListsTheUpn()
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(false, Adele));

        var item = Assert.Single(await completion.CompleteAsync("Adele V", UserCompletionValue.Id, CancellationToken.None));

        Assert.Equal("87d349ed-44d7-43e1-9a83-5f2406dee5bd", item.CompletionText);
        Assert.Equal("AdeleV@contoso.com", item.ListItemText);
        Assert.Contains("Adele Vance", item.ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANarrowerPrefixIsServedFromACompleteAnswerWithoutARequest()
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(false, Adele, AdminAdele, Guest));

        await completion.CompleteAsync("ad", UserCompletionValue.UserPrincipalName, CancellationToken.None);
        var narrower = await completion.CompleteAsync("'AdeleV_'", UserCompletionValue.UserPrincipalName, CancellationToken.None);
        var byName = await completion.CompleteAsync("'adele vance ('", UserCompletionValue.Id, CancellationToken.None);

        Assert.Single(handler.Requests);
        Assert.Equal("'AdeleV_adatum.com#EXT#@contoso.com'", Assert.Single(narrower).CompletionText);
        Assert.Equal("aea93cec-f288-451a-be1d-3af1c1404b4c", Assert.Single(byName).CompletionText);
    }

    [Fact]
    public async Task AnAnswerWithANextLinkIsNotNarrowedLocally()
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(true, Adele)).Answer(HttpStatusCode.OK, Page(false, Adele));

        await completion.CompleteAsync("a", UserCompletionValue.UserPrincipalName, CancellationToken.None);
        await completion.CompleteAsync("ad", UserCompletionValue.UserPrincipalName, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task TheCacheExpires()
    {
        var (completion, handler) = Create();
        handler.Answer(HttpStatusCode.OK, Page(false, Adele)).Answer(HttpStatusCode.OK, Page(false, Adele));

        await completion.CompleteAsync("ad", UserCompletionValue.UserPrincipalName, CancellationToken.None);
        _now += TimeSpan.FromSeconds(31);
        await completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task AFailureCompletesNothingAfterOneRequestAndIsNotRemembered(HttpStatusCode status)
    {
        var (completion, handler) = Create();
        handler.Answer(status, "{\"error\":{\"code\":\"x\",\"message\":\"no\"}}").Answer(HttpStatusCode.OK, Page(false, Adele));

        Assert.Empty(await completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, CancellationToken.None));
        // No retry by Kiota (429/503/504) and no fresh-token retry after a 401.
        Assert.Single(handler.Requests);

        Assert.Single(await completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, CancellationToken.None));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A401IsNotSentAgainWithAFreshTokenEvenWhenTheCredentialCouldFetchOne()
    {
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        var plan = new CredentialPlan(credential, null, SignInMode.ClientSecret, new[] { "https://graph.microsoft.com/.default" }, canRefresh: true);
        var handler = new RecordingHandler();
        handler.Answer(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has been revoked.\"}}")
               .Answer(HttpStatusCode.OK, Page(false, Adele));
        var connection = GraphConnectionFactory.Create(plan, GraphEnvironment.Global, new Uri("http://127.0.0.1:5080"), finalHandler: handler);
        var completion = new UserCompletion(new UserDirectory(connection), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), () => _now);

        Assert.Empty(await completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, CancellationToken.None));
        Assert.Single(handler.Requests);
        Assert.Equal(0, connection.TokenRefreshes);
    }

    [Fact]
    public async Task AGraphThatDoesNotAnswerInTimeCompletesNothing()
    {
        var hanging = new HangingHandler();
        var (completion, _) = Create(TimeSpan.FromMilliseconds(50), hanging);

        Assert.Empty(await completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, CancellationToken.None));
        Assert.Equal(1, hanging.Requests);
        Assert.True(hanging.SawCancellation);
    }

    [Fact]
    public async Task TheCallerCanCancel()
    {
        var hanging = new HangingHandler();
        var (completion, _) = Create(TimeSpan.FromMinutes(10), hanging);
        using var cancel = new CancellationTokenSource();
        Task<IReadOnlyList<CompletionItem>> pending = completion.CompleteAsync("ade", UserCompletionValue.UserPrincipalName, cancel.Token);
        await hanging.Entered.Task;
        cancel.Cancel();

        Assert.Empty(await pending);
    }

    [Fact]
    public void EachConnectionHasItsOwnCompletion()
    {
        var credential = DelegatedTokenCredential.Create((_, _) => new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        GraphConnection Connect() => GraphConnectionFactory.Create(CredentialFactory.ForAccessToken(credential, GraphEnvironment.Global), GraphEnvironment.Global,
            new Uri("http://127.0.0.1:5080"), finalHandler: new RecordingHandler());
        GraphConnection first = Connect(), second = Connect();

        Assert.Same(UserCompletion.For(first), UserCompletion.For(first));
        Assert.NotSame(UserCompletion.For(first), UserCompletion.For(second));
    }

    /// <summary>
    /// Sets each answer's <see cref="HttpResponseMessage.RequestMessage"/> as a network handler does: Kiota's retry handler
    /// resends that message, and retries nothing without it, so a "no retry" test would prove nothing.
    /// </summary>
    private sealed class AnsweringAsSent(RecordingHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(inner, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await _inner.SendAsync(request, cancellationToken);
            response.RequestMessage = request;
            return response;
        }
    }

    /// <summary>A final handler that never answers: it waits until the request is cancelled.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public bool SawCancellation { get; private set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
