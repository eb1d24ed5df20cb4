using System.Net;
using System.Text;

namespace PasswordReset.Tests.Engine;

/// <summary>An in-memory final HTTP handler: records each request (with its body) and answers from a queue.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();

    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = new();

    public RecordingHandler Answer(HttpStatusCode status, string? json = null, string requestId = "11111111-2222-3333-4444-555555555555")
    {
        _answers.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (json != null) response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            response.Headers.Add("request-id", requestId);
            return response;
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        if (_answers.Count == 0) throw new InvalidOperationException("No answer queued for " + request.RequestUri);
        return _answers.Dequeue()(request);
    }
}
