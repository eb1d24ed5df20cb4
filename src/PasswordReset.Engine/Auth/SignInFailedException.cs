using System;
using System.Text.RegularExpressions;

namespace PasswordReset.Auth
{
    /// <summary>
    /// Entra ID refused the sign-in, or the credential cannot work here. Wraps Azure.Identity's exception (kept as the
    /// inner exception) so the cmdlets never reference Azure.Identity types. The message quotes Entra ID's AADSTS code
    /// and never a secret.
    /// </summary>
    public sealed class SignInFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SignInFailedException(string message, Exception inner) : base(message, inner)
        {
        }

        /// <summary>
        /// True when the identity provider was never reached (DNS, proxy, firewall, TLS: an HTTP request failed without an
        /// answer) and Entra ID gave no AADSTS code — so the credential is not what to check.
        /// </summary>
        public bool IsNetworkFailure
        {
            get
            {
                bool network = false;
                for (Exception? e = InnerException; e != null; e = e.InnerException)
                {
                    if (Regex.IsMatch(e.Message, @"AADSTS\d+")) return false;
                    if (e is System.Net.Http.HttpRequestException || e is System.Net.Sockets.SocketException) network = true;
                }

                return network;
            }
        }

        /// <summary>
        /// "Sign-in to Microsoft Graph failed: {first line of Azure.Identity's message} {Entra ID's AADSTS line}".
        /// Azure.Identity puts the server's AADSTS text only in MSAL's inner exception; the admin needs it up front.
        /// </summary>
        public static string Describe(Exception ex)
        {
            string head = FirstLine(ex.Message).TrimEnd(' ', ':');
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                Match aadsts = Regex.Match(e.Message, @"AADSTS\d+:[^\r\n]*");
                if (aadsts.Success) return $"Sign-in to Microsoft Graph failed: {head}: {aadsts.Value.Trim()}";
            }

            string detail = ex.InnerException is null ? string.Empty : FirstLine(ex.InnerException.Message).Trim();
            bool repeats = detail.Length == 0 || head.IndexOf(detail, StringComparison.Ordinal) >= 0;
            return repeats ? $"Sign-in to Microsoft Graph failed: {head}" : $"Sign-in to Microsoft Graph failed: {head}: {detail}";
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        private static string FirstLine(string text)
        {
            int end = text.IndexOfAny(LineBreaks);
            return end < 0 ? text : text.Substring(0, end);
        }
    }
}
