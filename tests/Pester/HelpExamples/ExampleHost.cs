// The host a help example runs under (Help.Tests.ps1, Add-Type): it answers every prompt as the admin who copied the
// example would, so examples run exactly as written. Confirmation (ShouldProcess): "Yes to All", else "Yes". Read-Host
// and -AsSecureString: the typed text given at construction. Get-Credential: the user name asked for with the secret
// given at construction. A prompt for a missing mandatory parameter fails: an example must name what it needs.
// It records what was asked (never an answer) and what was written, e.g. "What if:" lines.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace PasswordResetHelpTests
{
    public sealed class ExampleHost : PSHost
    {
        private readonly ExampleHostUserInterface _ui;

        public ExampleHost(string typedText, string credentialSecret)
        {
            _ui = new ExampleHostUserInterface(typedText, credentialSecret);
        }

        /// <summary>What was asked and written.</summary>
        public ExampleHostUserInterface Answers => _ui;

        public override string Name => "HelpExampleHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException("An example cannot enter a nested prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("An example cannot enter a nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class ExampleHostUserInterface : PSHostUserInterface
    {
        private readonly string _typed;
        private readonly string _secret;
        private readonly StringBuilder _text = new StringBuilder();

        public ExampleHostUserInterface(string typedText, string credentialSecret)
        {
            _typed = typedText;
            _secret = credentialSecret;
        }

        /// <summary>One entry per question: "confirm: {message}", "line", "secure line", "credential: {user}".</summary>
        public List<string> Prompts { get; } = new List<string>();

        /// <summary>Everything written to the host.</summary>
        public string Text { get { lock (_text) return _text.ToString(); } }

        // No raw UI (no console): PowerShell's hosted-runspace behaviour.
        public override PSHostRawUserInterface RawUI => null;

        public override string ReadLine()
        {
            Prompts.Add("line");
            return _typed;
        }

        public override SecureString ReadLineAsSecureString()
        {
            Prompts.Add("secure line");
            return Secure(_typed);
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            var names = new List<string>();
            foreach (FieldDescription d in descriptions) names.Add(d.Name);
            throw new NotSupportedException("The example left out a mandatory parameter (" + string.Join(", ", names) + "): an example must name what it needs.");
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        {
            Prompts.Add("credential: " + userName);
            return new PSCredential(userName, Secure(_secret));
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            PromptForCredential(caption, message, userName, targetName);

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add("confirm: " + message);
            foreach (string wanted in new[] { "Yes to All", "Yes" })
            {
                for (int i = 0; i < choices.Count; i++)
                {
                    if (string.Equals(choices[i].Label.Replace("&", string.Empty), wanted, StringComparison.OrdinalIgnoreCase)) return i;
                }
            }

            throw new NotSupportedException("A question without a Yes answer: " + message);
        }

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        private void Append(string value)
        {
            lock (_text) _text.Append(value);
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
