using Microsoft.Kiota.Abstractions;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Marks a request that must be sent once only (a Tab completion): <see cref="TokenRefreshHandler"/> hands its 401 back
    /// instead of fetching a fresh token and sending the request again.
    /// </summary>
    internal sealed class NoTokenRefreshOption : IRequestOption
    {
    }
}
