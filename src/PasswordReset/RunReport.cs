using System;
using PasswordReset.Runs;

namespace PasswordReset.Commands
{
    /// <summary>
    /// What <see cref="RunPump"/> says about one cmdlet's run, in that cmdlet's words: the progress activity, the verbose
    /// lines, the closing 403 warning, and the lines a stop prints on the console host for what could not be written (with
    /// the secret the admin must hand over: a password, a pass code). The pump's rules are the same for every cmdlet.
    /// </summary>
    internal abstract class RunReport
    {
        /// <summary>The cmdlet's name, for messages.</summary>
        public abstract string Command { get; }

        /// <summary>The progress bar's activity, e.g. "Resetting passwords".</summary>
        public abstract string Activity { get; }

        /// <summary>One unit of work, for counts: "reset" → "1 reset", "2 resets".</summary>
        public abstract string Noun { get; }

        /// <summary>Its plural.</summary>
        public virtual string Nouns => Noun + "s";

        /// <summary>What progress calls a user whose main step succeeded: "reset", "revoked", "issued".</summary>
        public abstract string Done { get; }

        /// <summary>What the secret in a result is called for the hand-over lines ("password"), or null when there is none.</summary>
        public abstract string? Secret { get; }

        /// <summary>The object written for a result: the result itself, or wrapped with a type name that picks another view.</summary>
        public virtual object Shaped(object result) => result;

        /// <summary>The verbose line before an input is handed to the run.</summary>
        public abstract string Submitting(UserInput input);

        /// <summary>The verbose line after a result was written.</summary>
        public abstract string Succeeded(UserSucceeded success);

        /// <summary>The host line, after a stop, for a result Graph accepted that could not be written (with its secret).</summary>
        public abstract string Accepted(object result);

        /// <summary>The host line, after a stop, for a write still waiting for Graph's answer.</summary>
        public abstract string Unanswered(object result);

        /// <summary>The closing warning about 403s in this run, or null for none.</summary>
        public abstract string? ForbiddenWarning(UserRun run);

        /// <summary>The stop summary's last sentence: what to do about the users without a result.</summary>
        public abstract string AfterStop(Resets.ResetJournal? journal);

        /// <summary>"1 reset", "2 resets".</summary>
        public string Count(long count) => count == 1 ? $"1 {Noun}" : $"{count} {Nouns}";

        /// <summary>"1 reset", "2 resets" for any noun.</summary>
        public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        /// <summary>The closing warning's text: how many were refused with 403, then the likely cause; null for none.</summary>
        protected string? RefusedWith403(int count, string cause) =>
            count == 0 ? null : $"{Count(count)} {(count == 1 ? "was" : "were")} refused with 403 Authorization_RequestDenied. {cause}";

        /// <summary>The time a line shows: UTC, to the second.</summary>
        protected static string Time(DateTimeOffset? time) => time?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time";
    }
}
