using System;

namespace PasswordReset.Graph.Batching
{
    /// <summary>Which answers are retried with the same call, and which of them may mean a write was applied.</summary>
    internal static class RetryRules
    {
        /// <summary>
        /// 429, 503, 504 (graph-facts.md §5, §6) and 500/502: a transient server failure; the same call is sent again,
        /// which is safe because a retried PATCH carries the same body. A 500 that persists costs a bounded few attempts.
        /// </summary>
        public static bool IsTransientStatus(int status) => status == 429 || status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>
        /// 400 <c>Directory_ConcurrencyViolation</c>: another update of the same object was in flight; Graph's advice is to
        /// wait briefly and retry (§6). Nothing was applied.
        /// </summary>
        public static bool IsConcurrencyViolation(int status, GraphErrorBody error) =>
            status == 400 && (Has(error.Code, "ConcurrencyViolation") || Has(error.Message, "ConcurrencyViolation"));

        /// <summary>
        /// An inner 401 on a first attempt: the token was revoked or expired while the batch ran (its outer request was
        /// accepted). Sent once more, in a later batch, whose outer 401 makes the connection fetch a fresh token; a second
        /// 401 is final. Nothing was applied.
        /// </summary>
        public static bool IsTokenRefusedMidBatch(int status, int attempts) => status == 401 && attempts == 1;

        private static bool Has(string? text, string part) => text != null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
