using System.Text;

namespace GraphEmulator;

/// <summary>
/// Parses $search per graph-facts §4: each clause "property:text" in double quotes; AND / OR in upper
/// case outside the quotes (AND binds tighter than OR); parentheses; inside a clause only \" and \\ are
/// escapes. Anything else (a bare word, lower-case and/or, a clause without "property:", an
/// unterminated quote, two clauses with no operator) is malformed.
/// Microsoft does not document the error for a malformed $search; the emulator answers
/// 400 Request_BadRequest (the code directory objects use for bad request syntax), message
/// "Invalid $search value: ...". A well-formed clause on a property that cannot be searched is
/// 400 Request_UnsupportedQuery instead (as an unsupported $filter property is).
/// </summary>
internal sealed class SearchParser(UserPropertyCatalog catalog)
{
    public SearchNode Parse(string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            throw Malformed("the value is empty.");
        }

        var position = 0;
        var node = ParseOr(tokens, ref position);
        return position == tokens.Count ? node : throw Malformed($"unexpected '{tokens[position].Text}'.");
    }

    private SearchNode ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (position < tokens.Count && tokens[position].Kind == TokenKind.Or)
        {
            position++;
            left = new SearchBinary(false, left, ParseAnd(tokens, ref position));
        }

        return left;
    }

    private SearchNode ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParsePrimary(tokens, ref position);
        while (position < tokens.Count && tokens[position].Kind == TokenKind.And)
        {
            position++;
            left = new SearchBinary(true, left, ParsePrimary(tokens, ref position));
        }

        return left;
    }

    private SearchNode ParsePrimary(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw Malformed("the expression ends too early.");
        }

        var token = tokens[position++];
        switch (token.Kind)
        {
            case TokenKind.Clause:
                return Clause(token.Text);
            case TokenKind.Open:
                var inner = ParseOr(tokens, ref position);
                if (position >= tokens.Count || tokens[position].Kind != TokenKind.Close)
                {
                    throw Malformed("a '(' is not closed.");
                }

                position++;
                return inner;
            default:
                throw Malformed($"unexpected '{token.Text}'.");
        }
    }

    private SearchClause Clause(string content)
    {
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Malformed("each clause must have the form \"property:text\".");
        }

        var name = content[..colon];
        var value = content[(colon + 1)..];
        if (value.Trim().Length == 0)
        {
            throw Malformed($"the clause for '{name}' has no text.");
        }

        // The property table marks only displayName and mobilePhone as searchable, but Graph's own
        // example searches mail (graph-facts §4) and clients search userPrincipalName: every string
        // property (or string collection) is accepted.
        if (!catalog.TryGet(name, out var property) || (!property.IsString && property.Type != "Collection(string)"))
        {
            throw GraphErrors.UnsupportedQuery($"Unsupported or invalid search clause specified for property '{name}' of resource 'User'.");
        }

        return new SearchClause(property, value);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString()));
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(new Token(TokenKind.Clause, ReadClause(text, ref i)));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(word switch
                {
                    "AND" => new Token(TokenKind.And, word),
                    "OR" => new Token(TokenKind.Or, word),
                    _ => throw Malformed($"'{word}' is outside double quotes; only AND and OR (upper case) may be."),
                });
            }
        }

        return tokens;
    }

    // From the opening quote to the closing one; \" and \\ are the only escapes.
    private static string ReadClause(string text, ref int i)
    {
        var content = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return content.ToString();
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('"' or '\\'))
                {
                    throw Malformed("inside a clause only \\\" and \\\\ are escapes.");
                }

                content.Append(text[++i]);
                continue;
            }

            content.Append(c);
        }

        throw Malformed("a double quote is not closed.");
    }

    private static GraphException Malformed(string detail) => GraphErrors.BadRequest("Invalid $search value: " + detail);

    private enum TokenKind
    {
        Clause,
        And,
        Or,
        Open,
        Close,
    }

    private sealed record Token(TokenKind Kind, string Text);
}
