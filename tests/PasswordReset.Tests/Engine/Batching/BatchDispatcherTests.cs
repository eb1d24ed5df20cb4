using System.Net;
using System.Text.Json.Nodes;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using Xunit;

namespace PasswordReset.Tests.Engine.Batching;

/// <summary>The dispatcher through the real Graph SDK connection over an in-memory handler; fake time, no timing.</summary>
public sealed class BatchDispatcherTests
{
    [Fact]
    public async Task SendsOnePostToBatchWithUrlsAsGivenBodiesInlinedAndTheToken()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        var gate = new TaskCompletionSource();
        server.Respond = async (post, _) =>
        {
            await gate.Task;
            // Answers in reverse order: the dispatcher matches them by id.
            return BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Reverse().Select(r => BatchServer.Inner(r, (string)r["method"]! == "GET" ? 200 : 204))));
        };
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 });

        // The first call occupies the only slot; the next three are queued together and leave as one batch.
        Task<GraphAnswer> first = dispatcher.SendAsync(BatchKit.Get("warmup"), CancellationToken.None);
        while (server.Posts.Count == 0) await Task.Yield();
        var headers = new Dictionary<string, string> { ["ConsistencyLevel"] = "eventual" };
        Task<GraphAnswer> guest = dispatcher.SendAsync(new GraphCall("GET", "/users/a_contoso.com%23EXT%23%40fab.onmicrosoft.com?$select=id,userPrincipalName", headers: headers), CancellationToken.None);
        Task<GraphAnswer> patch = dispatcher.SendAsync(BatchKit.Patch("6e7b768e-07e2-4810-8459-485f84f8f204"), CancellationToken.None);
        Task<GraphAnswer> dollar = dispatcher.SendAsync(BatchKit.Get("%2524adele%2540contoso.com"), CancellationToken.None);
        gate.SetResult();
        await Task.WhenAll(first, guest, patch, dollar);

        Assert.Equal(2, server.Posts.Count);
        BatchPost post = server.Posts[1];
        Assert.Equal(HttpMethod.Post, post.Request.Method);
        Assert.Equal("http://127.0.0.1:5080/v1.0/$batch", post.Request.RequestUri!.ToString());
        Assert.Equal("Bearer test-token", post.Request.Headers.Authorization!.ToString());
        Assert.Equal("application/json", post.Request.Content!.Headers.ContentType!.MediaType);

        var inner = post.Inner.ToList();
        Assert.Equal(3, inner.Count);
        Assert.Equal(3, inner.Select(r => (string)r["id"]!).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        JsonObject guestRequest = inner.Single(r => ((string)r["url"]!).Contains("EXT", StringComparison.Ordinal));
        Assert.Equal("/users/a_contoso.com%23EXT%23%40fab.onmicrosoft.com?$select=id,userPrincipalName", (string)guestRequest["url"]!);
        Assert.Equal("GET", (string)guestRequest["method"]!);
        Assert.Equal("eventual", (string)guestRequest["headers"]!["ConsistencyLevel"]!);
        Assert.Null(guestRequest["body"]);
        JsonObject patchRequest = inner.Single(r => (string)r["method"]! == "PATCH");
        Assert.Equal("/users/6e7b768e-07e2-4810-8459-485f84f8f204", (string)patchRequest["url"]!);
        Assert.Equal("application/json", (string)patchRequest["headers"]!["Content-Type"]!);
        Assert.Equal(BatchKit.Password, (string)patchRequest["body"]!["passwordProfile"]!["password"]!);
        Assert.Contains(inner, r => (string)r["url"]! == "/users/%2524adele%2540contoso.com?$select=id");
        Assert.Contains("%23EXT%23", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT#", post.Body, StringComparison.Ordinal);

        Assert.Equal(204, (await patch).Status);
        Assert.Equal(200, (await guest).Status);
        Assert.Equal(1, (await patch).Attempts);
        Assert.Equal("rid-" + (string)patchRequest["id"]!, (await patch).RequestId);
    }

    [Fact]
    public async Task GroupsConcurrentCallsIntoBatchesOfAtMostBatchSize()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        var gate = new TaskCompletionSource();
        server.Respond = async (post, index) =>
        {
            if (index == 0) await gate.Task;
            return BatchServer.AllOk(post);
        };
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1, BatchSize = 20 });

        var calls = Enumerable.Range(0, 45).Select(i => dispatcher.SendAsync(BatchKit.Patch("user" + i), CancellationToken.None)).ToList();
        gate.SetResult();
        GraphAnswer[] answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.Equal(204, a.Status));
        Assert.All(server.Posts, p => Assert.InRange(p.Requests.Count, 1, 20));
        Assert.All(server.Posts, p => Assert.Equal(p.Requests.Count, p.Inner.Select(r => (string)r["id"]!).Distinct().Count()));
        Assert.Equal(45, server.Posts.Sum(p => p.Requests.Count));
        Assert.InRange(server.Posts.Count, 3, 4); // the first batch left alone or with a few; the rest in full batches
        Assert.Equal(45, dispatcher.Statistics.CallsSent);
        Assert.Equal(server.Posts.Count, dispatcher.Statistics.BatchesSent);
    }

    [Fact]
    public async Task AnInner429WithAFractionalRetryAfterIsRetriedWithTheSameBodyAndHoldsEverySender()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        var events = new List<BatchEvent>();
        TimeSpan throttledAt = TimeSpan.MinValue;
        BatchDispatcher? dispatcher = null;
        Task<GraphAnswer>? other = null;
        server.Respond = (post, index) =>
        {
            if (index > 0) return Task.FromResult(BatchServer.AllOk(post));
            throttledAt = time.Now;
            // A call made while the throttled batch is on the wire must wait for the hold too.
            other = dispatcher!.SendAsync(BatchKit.Get("someone-else"), CancellationToken.None);
            var answer = BatchServer.Inner(post.Inner.Single(), 429, retryAfter: "2.128", percentage: "1.2", errorCode: "TooManyRequests");
            return Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(new[] { answer })));
        };
        dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 }, events);
        using (dispatcher)
        {
            GraphAnswer answer = await dispatcher.SendAsync(BatchKit.Patch("6e7b768e"), CancellationToken.None);
            await other!;

            Assert.Equal(204, answer.Status);
            Assert.Equal(2, answer.Attempts);
            var patches = server.Posts.SelectMany(p => p.Inner).Where(r => (string)r["method"]! == "PATCH").ToList();
            Assert.Equal(2, patches.Count);
            Assert.Equal(patches[0]["body"]!.ToJsonString(), patches[1]["body"]!.ToJsonString());
            Assert.Contains(TimeSpan.FromSeconds(2.128), time.Delays);
            Assert.All(server.Posts.Skip(1), p => Assert.True(p.At - throttledAt >= TimeSpan.FromSeconds(2.128), $"sent {p.At - throttledAt} after the 429"));

            BatchStatistics stats = dispatcher.Statistics;
            Assert.Equal(1, stats.Throttled);
            Assert.Equal(1, stats.Holds);
            Assert.Equal(1, stats.Retries);
            Assert.Contains(events, e => e.Kind == BatchEventKind.Hold && e.Delay == TimeSpan.FromSeconds(2.128));
            Assert.Contains(events, e => e.Kind == BatchEventKind.Retry && e.Status == 429 && e.Message.Contains("6e7b768e@contoso.com", StringComparison.Ordinal));
            Assert.All(events, e => Assert.DoesNotContain(BatchKit.Password, e.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WholeBatchFailuresAreRetriedWithTheSameCallsAndKiotaDoesNotRetryThePost()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (post, index) => index switch
        {
            0 => throw new HttpRequestException("connection reset"),
            1 => Task.FromResult(BatchServer.Json(HttpStatusCode.ServiceUnavailable, "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"Try later.\"}}", retryAfter: "0.5")),
            2 => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, "{\"responses\":[{\"id\":\"1\",\"sta")),
            3 => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Take(0)))),
            _ => Task.FromResult(BatchServer.AllOk(post)),
        };
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 });

        // Dropped connection, outer 503, truncated JSON, an answer without our id — then success.
        GraphAnswer answer = await dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None);

        Assert.Equal(204, answer.Status);
        Assert.Equal(5, answer.Attempts);
        // Exactly one POST per attempt: Kiota's retry handler did not resend the 503.
        Assert.Equal(5, server.Posts.Count);
        Assert.Single(server.Posts.Select(p => p.Inner.Single()["body"]!.ToJsonString()).Distinct());
        Assert.Contains(TimeSpan.FromSeconds(0.5), time.Delays);
        Assert.Equal(4, dispatcher.Statistics.BatchFailures + 1); // the missing id is a call's retry, not a batch failure
        Assert.Equal(4, dispatcher.Statistics.Retries);
        Assert.Equal(5, dispatcher.Statistics.BatchesSent);
    }

    [Fact]
    public async Task ABatchThatHangsIsCutByTheRequestTimeoutAndRetried()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Hangs = index => index == 0;
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { RequestTimeout = TimeSpan.FromMilliseconds(50), MaxAttempts = 3 });

        GraphAnswer answer = await dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None);

        Assert.Equal(204, answer.Status);
        Assert.Equal(2, answer.Attempts);
        Assert.Equal(1, dispatcher.Statistics.BatchFailures);
    }

    [Fact]
    public async Task AnOuter429HoldsAndRetriesEveryCallOfTheBatch()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (post, index) => Task.FromResult(index == 0
            ? BatchServer.Json(HttpStatusCode.TooManyRequests, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Please retry again later.\"}}", retryAfter: "1.5")
            : BatchServer.AllOk(post));
        using var dispatcher = BatchKit.Dispatcher(server, time);

        GraphAnswer answer = await dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None);

        Assert.Equal(2, answer.Attempts);
        Assert.Equal(2, server.Posts.Count);
        Assert.True(server.Posts[1].At - server.Posts[0].At >= TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, dispatcher.Statistics.Throttled);
        Assert.Equal(1, dispatcher.Statistics.Holds);
    }

    [Fact]
    public async Task AnOuter503IsSentOncePerAttemptAndRunsOutWithMayHaveBeenAppliedForWritesOnly()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (_, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.ServiceUnavailable, "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"Try later.\"}}"));
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1, MaxAttempts = 3 });

        var write = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None));
        int postsForWrite = server.Posts.Count;
        var read = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Get("bbbb"), CancellationToken.None));

        Assert.Equal(3, postsForWrite);
        Assert.Equal(6, server.Posts.Count);
        Assert.Equal(503, write.StatusCode);
        Assert.Equal("serviceNotAvailable", write.GraphErrorCode);
        Assert.Equal(GraphFailureKind.Unavailable, write.Kind);
        Assert.True(write.MayHaveBeenApplied);
        Assert.False(read.MayHaveBeenApplied);
        Assert.Contains("3 attempt", write.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BatchKit.Password, write.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InnerTransientAnswersRunOutBoundedAndConcurrencyViolationsAreRetriedAsNotApplied()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (post, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Select(r =>
            ((string)r["url"]!).EndsWith("busy", StringComparison.Ordinal)
                ? BatchServer.Inner(r, 400, errorCode: "Directory_ConcurrencyViolation")
                : BatchServer.Inner(r, 504)))));
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { MaxAttempts = 4 });

        var gateway = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Patch("slow"), CancellationToken.None));
        var busy = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Patch("busy"), CancellationToken.None));

        Assert.Equal(504, gateway.StatusCode);
        Assert.True(gateway.MayHaveBeenApplied);
        Assert.Equal(400, busy.StatusCode);
        Assert.Equal("Directory_ConcurrencyViolation", busy.GraphErrorCode);
        Assert.False(busy.MayHaveBeenApplied);
        Assert.Equal(8, server.Posts.Sum(p => p.Requests.Count));
    }

    [Fact]
    public async Task AnInner401IsSentOnceMoreAndASecondIsFinal()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        int posts = 0;
        // The token is revoked while the first batch runs; the second batch is answered (after a refresh) as usual.
        server.Respond = (post, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Select(r =>
            Interlocked.Increment(ref posts) == 1 || ((string)r["url"]!).EndsWith("gone", StringComparison.Ordinal)
                ? BatchServer.Inner(r, 401, errorCode: "InvalidAuthenticationToken")
                : BatchServer.Inner(r, 204)))));
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 });

        var answer = await dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None);
        var refused = await dispatcher.SendAsync(BatchKit.Patch("gone"), CancellationToken.None);

        Assert.Equal(204, answer.Status);
        Assert.Equal(2, answer.Attempts);
        Assert.Equal(401, refused.Status);
        Assert.Equal(2, refused.Attempts);
    }

    [Fact]
    public async Task GivesUpWhenTheRetryTimeBudgetWouldBeExceeded()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (post, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Select(r => BatchServer.Inner(r, 429, retryAfter: "120")))));
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { MaxRetryTime = TimeSpan.FromMinutes(1) });

        var ex = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None));

        Assert.Single(server.Posts);
        Assert.Equal(GraphFailureKind.Throttled, ex.Kind);
        Assert.True(ex.MayHaveBeenApplied); // a 429 on a write may still have been applied (§5)
    }

    [Fact]
    public async Task NonRetryableInnerStatusesAreFinalAnswers()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (post, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.OK, BatchServer.Responses(post.Inner.Select(r => BatchServer.Inner(r, 404, errorCode: "Request_ResourceNotFound")))));
        using var dispatcher = BatchKit.Dispatcher(server, time);

        GraphAnswer answer = await dispatcher.SendAsync(BatchKit.Get("nobody%40contoso.com"), CancellationToken.None);

        Assert.Equal(404, answer.Status);
        Assert.Equal(1, answer.Attempts);
        GraphRequestException ex = answer.ToException();
        Assert.Equal(GraphFailureKind.NotFound, ex.Kind);
        Assert.Equal("Request_ResourceNotFound", ex.GraphErrorCode);
        Assert.Single(server.Posts);
    }

    [Fact]
    public async Task AnOuter401FailsEveryCallOfTheBatchWithoutRetry()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        server.Respond = (_, _) => Task.FromResult(BatchServer.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}"));
        using var dispatcher = BatchKit.Dispatcher(server, time);

        var ex = await Assert.ThrowsAsync<GraphRequestException>(() => dispatcher.SendAsync(BatchKit.Patch("aaaa"), CancellationToken.None));

        Assert.Single(server.Posts);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(GraphFailureKind.Authentication, ex.Kind);
        Assert.False(ex.MayHaveBeenApplied);
        Assert.Equal(0, dispatcher.Statistics.Retries);
    }

    [Fact]
    public async Task ACallCancelledBeforeItIsSentIsDroppedButASentWriteIsSeenThrough()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        var gate = new TaskCompletionSource();
        server.Respond = async (post, index) =>
        {
            if (index == 0) await gate.Task;
            return BatchServer.AllOk(post);
        };
        using var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 });
        using var sentSource = new CancellationTokenSource();
        using var queuedSource = new CancellationTokenSource();

        Task<GraphAnswer> sent = dispatcher.SendAsync(BatchKit.Patch("sent"), sentSource.Token);
        while (server.Posts.Count == 0) await Task.Yield(); // the first batch is on the wire (held by the gate)
        Task<GraphAnswer> queued = dispatcher.SendAsync(BatchKit.Patch("queued"), queuedSource.Token);
        queuedSource.Cancel();
        sentSource.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        gate.SetResult();

        Assert.Equal(204, (await sent).Status);
        Assert.DoesNotContain(server.Posts.SelectMany(p => p.Inner), r => ((string)r["url"]!).EndsWith("queued", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.SendAsync(BatchKit.Patch("late"), queuedSource.Token));
    }

    [Fact]
    public async Task DisposeCancelsCallsNeverSent()
    {
        var time = new FakeBatchTime();
        var server = new BatchServer(time);
        var gate = new TaskCompletionSource();
        server.Respond = async (post, _) =>
        {
            await gate.Task;
            return BatchServer.AllOk(post);
        };
        var dispatcher = BatchKit.Dispatcher(server, time, new BatchDispatcherOptions { ThrottleLimit = 1 });
        Task<GraphAnswer> sent = dispatcher.SendAsync(BatchKit.Patch("sent"), CancellationToken.None);
        while (server.Posts.Count == 0) await Task.Yield();
        Task<GraphAnswer> queued = dispatcher.SendAsync(BatchKit.Patch("queued"), CancellationToken.None);

        dispatcher.Dispose();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(204, (await sent).Status);
        ObjectDisposedException? refused = null;
        try
        {
            _ = dispatcher.SendAsync(BatchKit.Get("x"), CancellationToken.None);
        }
        catch (ObjectDisposedException ex)
        {
            refused = ex;
        }

        Assert.NotNull(refused); // thrown at once, not through the task
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWithoutEchoingIt()
    {
        var time = new FakeBatchTime();
        using var dispatcher = BatchKit.Dispatcher(new BatchServer(time), time);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => dispatcher.SendAsync(new GraphCall("PATCH", "/users/x", "{\"password\":\"" + BatchKit.Password), CancellationToken.None));
        Assert.DoesNotContain(BatchKit.Password, ex.Message, StringComparison.Ordinal);
    }
}
