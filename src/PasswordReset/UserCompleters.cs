using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using PasswordReset.Completion;
using PasswordReset.Graph;

namespace PasswordReset.Commands
{
    /// <summary>Completes <c>-UserPrincipalName</c> with the userPrincipalNames of the connected tenant (see <see cref="UserCompletion"/>).</summary>
    internal sealed class UserPrincipalNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            UserCompleters.Complete(wordToComplete, UserCompletionValue.UserPrincipalName);
    }

    /// <summary>Completes <c>-Id</c> with object ids of users found by userPrincipalName or display name prefix.</summary>
    internal sealed class UserIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            UserCompleters.Complete(wordToComplete, UserCompletionValue.Id);
    }

    internal static class UserCompleters
    {
        /// <summary>
        /// Nothing when the runspace is not connected. A completer has no stream and no cancellation: it blocks on the
        /// engine, which bounds the wait itself (<see cref="UserCompletion.Timeout"/>) and never throws for Graph's failures.
        /// </summary>
        public static IEnumerable<CompletionResult> Complete(string wordToComplete, UserCompletionValue value)
        {
            GraphConnection? connection = ConnectionStore.Current;
            if (connection is null) return Array.Empty<CompletionResult>();
            IReadOnlyList<CompletionItem> items = UserCompletion.For(connection)
                .CompleteAsync(wordToComplete, value, CancellationToken.None).GetAwaiter().GetResult();
            return items.Select(ToResult).ToList();
        }

        public static CompletionResult ToResult(CompletionItem item) =>
            new CompletionResult(item.CompletionText, item.ListItemText, CompletionResultType.ParameterValue, item.ToolTip);
    }
}
