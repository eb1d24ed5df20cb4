using System;
using System.Text;

namespace PasswordReset.Completion
{
    /// <summary>
    /// How a completion is written on a PowerShell command line, and what a typed word means. Plain string rules, so the
    /// engine needs no PowerShell reference (PowerShell's language specification, §2.3.5.2 string literals).
    /// </summary>
    public static class PowerShellLiteral
    {
        // PowerShell reads the typographic single quotes as apostrophes too; each must be doubled inside '…'.
        private const string SingleQuotes = "'\u2018\u2019\u201A\u201B";
        private const string DoubleQuotes = "\"\u201C\u201D\u201E";

        /// <summary>
        /// The value as a command-line argument: as it is when it is made of ASCII letters, digits, <c>.</c>, <c>_</c>,
        /// <c>-</c> and <c>@</c> and begins with a letter or <c>_</c> (or is a canonical GUID), which PowerShell reads back
        /// as that very string; otherwise in single quotes with every apostrophe doubled, so <c>$</c>, <c>#</c>, <c>`</c>,
        /// spaces, commas and quotes are taken literally.
        /// </summary>
        /// <example><c>O'Neil@contoso.com</c> → <c>'O''Neil@contoso.com'</c>; <c>x_y.com#EXT#@contoso.com</c> → <c>'x_y.com#EXT#@contoso.com'</c>.</example>
        public static string Quote(string value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (IsBare(value)) return value;

            var quoted = new StringBuilder(value.Length + 4).Append('\'');
            foreach (char c in value)
            {
                quoted.Append(c);
                if (SingleQuotes.IndexOf(c) >= 0) quoted.Append(c);
            }

            return quoted.Append('\'').ToString();
        }

        /// <summary>
        /// The text a typed word stands for. PowerShell (7.4+) hands a completer a quoted word already unescaped and with
        /// its closing quote added (<c>'O''N</c> arrives as <c>'O'N'</c>): the surrounding quotes are removed. A word with
        /// an opening quote only loses that quote, and then its doubled apostrophes.
        /// </summary>
        /// <returns>The unquoted text; empty for null.</returns>
        public static string Unquote(string? word)
        {
            if (string.IsNullOrEmpty(word)) return string.Empty;
            string text = word!;
            char first = text[0];
            bool single = SingleQuotes.IndexOf(first) >= 0;
            bool isDouble = DoubleQuotes.IndexOf(first) >= 0;
            if (!single && !isDouble) return text;

            string quotes = single ? SingleQuotes : DoubleQuotes;
            if (text.Length >= 2 && quotes.IndexOf(text[text.Length - 1]) >= 0) return text.Substring(1, text.Length - 2);

            string body = text.Substring(1);
            return single ? UndoubleQuotes(body) : body;
        }

        private static bool IsBare(string value)
        {
            if (value.Length == 0) return false;
            if (Guid.TryParseExact(value, "D", out _)) return true;
            if (!(IsAsciiLetter(value[0]) || value[0] == '_')) return false;
            foreach (char c in value)
            {
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@')) return false;
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static string UndoubleQuotes(string body)
        {
            var text = new StringBuilder(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                text.Append(body[i]);
                if (SingleQuotes.IndexOf(body[i]) >= 0 && i + 1 < body.Length && SingleQuotes.IndexOf(body[i + 1]) >= 0) i++;
            }

            return text.ToString();
        }
    }
}
