using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PasswordReset.Resets
{
    /// <summary>
    /// The opt-in journal of a reset run (<c>-JournalPath</c>): JSON lines, one per event, so a run that is stopped or
    /// killed can be resumed and no password Graph applied is ever unknown. Before a PATCH is sent, an <c>intent</c> line
    /// records the user and the generated password about to be sent, flushed to disk (group commit: one flush serves
    /// every intent of a batch); after the answer, a <c>success</c> or <c>failure</c> line. It is the one deliberate
    /// place outside the result objects where a temporary password is written, so the file is created readable by its
    /// owner only.
    /// </summary>
    /// <remarks>
    /// Lines: <c>{"event":"run","version":1,"tenantId","started"}</c>, <c>{"event":"intent","userId","userPrincipalName",
    /// "displayName","input","password","forceChangePasswordNextSignIn","forceChangePasswordNextSignInWithMfa",
    /// "onPremisesSyncEnabled","time"}</c>, <c>{"event":"success","userId","requestId","time"}</c>,
    /// <c>{"event":"failure","userId","status","code","mayHaveBeenApplied","time"}</c>, <c>{"event":"stopped","notAttempted","time"}</c>.
    /// A torn last line (the process died while writing it) is ignored when resuming.
    /// </remarks>
    public sealed class ResetJournal : IDisposable
    {
        private const int Version = 1;
        // Passwords stay readable in the file (no \u002B for '+'): admins read the journal to hand passwords over.
        private static readonly JsonSerializerOptions LineOptions = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly FileStream _runLock;
        private readonly StreamWriter _writer;
        private readonly Dictionary<string, JournalRecord> _previous;
        private Task? _pendingFlush;
        private bool _disposed;

        private ResetJournal(string path, FileStream stream, FileStream runLock, Dictionary<string, JournalRecord> previous)
        {
            Path = path;
            _stream = stream;
            _runLock = runLock;
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = false };
            _previous = previous;
        }

        /// <summary>The journal file's full path.</summary>
        public string Path { get; }

        /// <summary>Users the resumed journal knows (by object id, case-insensitive); empty for a new journal.</summary>
        public IReadOnlyDictionary<string, JournalRecord> Previous => _previous;

        /// <summary>
        /// Opens the journal. A new journal needs a path that does not exist or is empty; <paramref name="resume"/> reads an
        /// existing one first and appends to it.
        /// </summary>
        /// <exception cref="JournalException">The file exists without resume, is another tenant's, or cannot be read or written.</exception>
        public static ResetJournal Open(string path, bool resume, string? tenantId)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new JournalException("The journal path is empty.");
            string full = System.IO.Path.GetFullPath(path);
            bool exists = File.Exists(full) && new FileInfo(full).Length > 0;
            if (exists && !resume)
            {
                throw new JournalException($"The journal '{full}' already exists. Use -Resume to continue that run, or give a new path.");
            }

            // A mistyped path after a crash must not start over: every user would get a new password, and the ones
            // already handed out would stop working.
            if (!exists && resume)
            {
                throw new JournalException($"There is no journal at '{full}' to resume; nothing was sent. Check the path, or run without -Resume to start a new journal.");
            }

            string? folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                throw new JournalException($"The folder of the journal '{full}' does not exist; nothing was sent. Create it, or give a path in an existing folder.");
            }

            FileStream runLock, stream;
            try
            {
                runLock = OwnerOnlyFile.Lock(full);
            }
            catch (IOException ex)
            {
                throw new JournalException($"The journal '{full}' is in use by another run (one journal serves one run at a time); nothing was sent.", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new JournalException($"The journal '{full}' cannot be written: {ex.Message}", ex);
            }

            try
            {
                stream = OwnerOnlyFile.OpenForReadAndAppend(full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                runLock.Dispose();
                throw new JournalException($"The journal '{full}' cannot be written: {ex.Message}", ex);
            }

            var previous = new Dictionary<string, JournalRecord>(StringComparer.OrdinalIgnoreCase);
            try
            {
                if (exists) ReadPrevious(stream, full, tenantId, previous);
                // A line torn by a crash is closed, so the next line starts on a line of its own.
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    bool endsWithNewLine = stream.ReadByte() == '\n';
                    stream.Seek(0, SeekOrigin.End);
                    if (!endsWithNewLine) stream.WriteByte((byte)'\n');
                }
            }
            catch
            {
                stream.Dispose();
                runLock.Dispose();
                throw;
            }

            var journal = new ResetJournal(full, stream, runLock, previous);
            journal.Append(new Dictionary<string, object?>
            {
                ["event"] = "run", ["version"] = Version, ["tenantId"] = tenantId, ["resumed"] = exists,
            });
            journal.FlushNow();
            return journal;
        }

        /// <summary>
        /// Records that <paramref name="password"/> is about to be sent to the user and returns once that is on disk.
        /// Concurrent callers share one flush.
        /// </summary>
        public Task RecordIntentAsync(AadUser user, ResetInput input, string? password, Users.PasswordResetOptions options)
        {
            lock (_gate)
            {
                Append(new Dictionary<string, object?>
                {
                    ["event"] = "intent", ["userId"] = user.Id, ["userPrincipalName"] = user.UserPrincipalName, ["displayName"] = user.DisplayName,
                    ["input"] = input.Reference.ToString(), ["password"] = password,
                    ["forceChangePasswordNextSignIn"] = options.ForceChangePasswordNextSignIn,
                    ["forceChangePasswordNextSignInWithMfa"] = options.ForceChangePasswordNextSignInWithMfa,
                    ["onPremisesSyncEnabled"] = user.OnPremisesSyncEnabled == true,
                });
                return _pendingFlush ??= FlushSoonAsync();
            }
        }

        /// <summary>Records Graph's acceptance (flushed with the next group, or at the end).</summary>
        public void RecordSuccess(PasswordResetResult result)
        {
            lock (_gate)
            {
                Append(new Dictionary<string, object?> { ["event"] = "success", ["userId"] = result.Id, ["requestId"] = result.RequestId });
                _pendingFlush ??= FlushSoonAsync();
            }
        }

        /// <summary>Records a failed reset; <paramref name="mayHaveBeenApplied"/> when the outcome is unknown.</summary>
        public void RecordFailure(string userId, int? status, string? code, bool mayHaveBeenApplied)
        {
            lock (_gate)
            {
                Append(new Dictionary<string, object?>
                {
                    ["event"] = "failure", ["userId"] = userId, ["status"] = status, ["code"] = code, ["mayHaveBeenApplied"] = mayHaveBeenApplied,
                });
                _pendingFlush ??= FlushSoonAsync();
            }
        }

        /// <summary>Records that the run was stopped with <paramref name="notAttempted"/> inputs not sent, and flushes.</summary>
        public void RecordStopped(long notAttempted)
        {
            lock (_gate)
            {
                Append(new Dictionary<string, object?> { ["event"] = "stopped", ["notAttempted"] = notAttempted });
                FlushNow();
            }
        }

        /// <summary>Writes everything buffered to disk.</summary>
        public void Flush()
        {
            lock (_gate) FlushNow();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                FlushNow();
                _disposed = true;
                _writer.Dispose();
                _runLock.Dispose();
            }
        }

        private async Task FlushSoonAsync()
        {
            // Let the other intents of the same batch join this flush.
            await Task.Delay(1).ConfigureAwait(false);
            lock (_gate)
            {
                _pendingFlush = null;
                FlushNow();
            }
        }

        private void FlushNow()
        {
            if (_disposed) return;
            _writer.Flush();
            _stream.Flush(flushToDisk: true);
        }

        private void Append(Dictionary<string, object?> fields)
        {
            if (_disposed) return;
            fields["time"] = DateTimeOffset.UtcNow;
            _writer.Write(JsonSerializer.Serialize(fields, LineOptions));
            _writer.Write('\n');
        }

        private static void ReadPrevious(FileStream stream, string path, string? tenantId, Dictionary<string, JournalRecord> records)
        {
            string[] lines;
            try
            {
                using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
                lines = reader.ReadToEnd().Split('\n');
            }
            catch (IOException ex)
            {
                throw new JournalException($"The journal '{path}' cannot be read: {ex.Message}", ex);
            }

            // A file ending in a newline splits into a last empty element: the last real line is the one before it.
            int last = lines.Length - 1;
            while (last >= 0 && lines[last].Length == 0) last--;
            bool sawRun = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                JsonElement line;
                try
                {
                    using var document = JsonDocument.Parse(lines[i]);
                    line = document.RootElement.Clone();
                }
                catch (JsonException) when (i == last || NextLineStartsARun(lines, i))
                {
                    continue; // torn line: the process died while writing it (and a resumed run may have followed)
                }
                catch (JsonException ex)
                {
                    throw new JournalException($"The journal '{path}' is damaged at line {i + 1}; it is not a PasswordReset journal or was edited.", ex);
                }

                string? kind = Text(line, "event");
                if (kind == "run")
                {
                    string? journalTenant = Text(line, "tenantId");
                    if (tenantId != null && journalTenant != null && !string.Equals(tenantId, journalTenant, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new JournalException($"The journal '{path}' belongs to tenant {journalTenant}, but this connection is to tenant {tenantId}; nothing was sent.");
                    }

                    sawRun = true;
                    continue;
                }

                string? userId = Text(line, "userId");
                if (userId is null) continue;
                if (!records.TryGetValue(userId, out JournalRecord? record)) records[userId] = record = new JournalRecord(userId);
                switch (kind)
                {
                    case "intent":
                        record.UserPrincipalName = Text(line, "userPrincipalName");
                        record.DisplayName = Text(line, "displayName");
                        record.Password = Text(line, "password");
                        record.ForceChangePasswordNextSignIn = Flag(line, "forceChangePasswordNextSignIn");
                        record.ForceChangePasswordNextSignInWithMfa = Flag(line, "forceChangePasswordNextSignInWithMfa");
                        record.OnPremisesSyncEnabled = Flag(line, "onPremisesSyncEnabled");
                        record.Succeeded = false; // a new intent supersedes an earlier outcome
                        break;
                    case "success":
                        record.Succeeded = true;
                        record.RequestId = Text(line, "requestId");
                        record.ResetTime = line.TryGetProperty("time", out JsonElement time) && time.TryGetDateTimeOffset(out DateTimeOffset at) ? at : (DateTimeOffset?)null;
                        break;
                }
            }

            if (!sawRun) throw new JournalException($"'{path}' is not a PasswordReset journal (no run line); nothing was sent.");
        }

        private static bool NextLineStartsARun(string[] lines, int index)
        {
            for (int j = index + 1; j < lines.Length; j++)
            {
                if (lines[j].Length > 0) return lines[j].StartsWith("{\"event\":\"run\"", StringComparison.Ordinal);
            }

            return true;
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static bool Flag(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
    }
}
