using System;

namespace PasswordReset.Completion
{
    /// <summary>
    /// One completion, shaped like PowerShell's <c>CompletionResult</c> (which the engine cannot name): the text that
    /// replaces the typed word, ready to run; the text shown in a completion list; the tool tip. None is ever empty.
    /// </summary>
    public sealed class CompletionItem
    {
        /// <summary>Creates an item.</summary>
        /// <exception cref="ArgumentException">A text is null or empty.</exception>
        public CompletionItem(string completionText, string listItemText, string toolTip)
        {
            CompletionText = NotEmpty(completionText, nameof(completionText));
            ListItemText = NotEmpty(listItemText, nameof(listItemText));
            ToolTip = NotEmpty(toolTip, nameof(toolTip));
        }

        /// <summary>What replaces the typed word: already quoted for PowerShell (<see cref="PowerShellLiteral.Quote"/>).</summary>
        public string CompletionText { get; }

        /// <summary>What a completion menu lists.</summary>
        public string ListItemText { get; }

        /// <summary>The tool tip, e.g. display name, userPrincipalName and object id.</summary>
        public string ToolTip { get; }

        /// <inheritdoc />
        public override string ToString() => CompletionText;

        private static string NotEmpty(string text, string name) =>
            string.IsNullOrEmpty(text) ? throw new ArgumentException("A completion text cannot be empty.", name) : text;
    }
}
