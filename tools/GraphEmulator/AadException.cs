namespace GraphEmulator;

/// <summary>
/// A refusal by the identity provider, answered in Entra's token-endpoint error shape (see <see cref="AadErrors"/>).
/// <paramref name="description"/> is the text after "AADSTS{code}: ".
/// </summary>
internal sealed class AadException(int status, string error, int code, string description) : Exception(description)
{
    public int Status { get; } = status;

    /// <summary>OAuth 2.0 error (RFC 6749 §5.2): invalid_request, invalid_client, unauthorized_client, ...</summary>
    public string Error { get; } = error;

    public int Code { get; } = code;
}
