using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PasswordReset.Completion;

namespace PasswordReset.Commands
{
    /// <summary>Completes <c>-Property</c> with the user schema's property names (<see cref="UserPropertyNames"/>); sends no request.</summary>
    internal sealed class PropertyCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            UserPropertyNames.Complete(wordToComplete).Select(UserCompleters.ToResult).ToList();
    }
}
