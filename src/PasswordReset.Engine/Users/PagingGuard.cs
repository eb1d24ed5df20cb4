using System;
using System.Collections.Generic;

namespace PasswordReset.Users
{
    /// <summary>
    /// Keeps a listing that follows <c>@odata.nextLink</c> from running forever when the server misbehaves, without a page
    /// cap that would cut off a large tenant: a next link already followed is a loop, and a run of empty pages that still
    /// carry a next link makes no progress (graph-facts.md §4: a next link appears only while more items remain).
    /// </summary>
    public sealed class PagingGuard
    {
        /// <summary>Empty pages in a row, each with a next link, that end a listing.</summary>
        public const int MaxEmptyPagesInARow = 10;

        private readonly HashSet<string> _followed = new HashSet<string>(StringComparer.Ordinal);
        private int _emptyInARow;

        /// <summary>Pages seen so far.</summary>
        public int Pages { get; private set; }

        /// <summary>Records a page and its next link; throws when following that link cannot end.</summary>
        /// <exception cref="InvalidOperationException">The next link was followed before, or too many empty pages came in a row.</exception>
        public void Check(int usersOnPage, string? nextLink)
        {
            Pages++;
            if (nextLink is null) return;
            _emptyInARow = usersOnPage == 0 ? _emptyInARow + 1 : 0;
            if (_emptyInARow >= MaxEmptyPagesInARow)
            {
                throw new InvalidOperationException(
                    $"Graph returned {MaxEmptyPagesInARow} empty pages in a row that still carried an @odata.nextLink, after {Pages} pages; the listing was stopped because it made no progress. The users written so far are complete up to that point.");
            }

            if (!_followed.Add(nextLink))
            {
                throw new InvalidOperationException(
                    $"Graph returned an @odata.nextLink that was already followed (page {Pages}); the listing was stopped because it would repeat pages forever. The users written so far are complete up to that point.");
            }
        }
    }
}
