using GraphEmulator;

// Standalone entry point: dotnet run --project tools/GraphEmulator -- --port 5080
EmulatorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (CommandLineException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}

RunningEmulator running;
try
{
    running = await EmulatorHost.StartAsync(options, CancellationToken.None).ConfigureAwait(false);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException)
{
    await Console.Error.WriteLineAsync($"Graph emulator failed to start: {ex.Message}").ConfigureAwait(false);
    return 1;
}

await using (running.ConfigureAwait(false))
{
    // Exactly one line on stdout; scripts wait for it and read the port from it.
    Console.WriteLine($"Graph emulator listening on {running.BaseUri.GetLeftPart(UriPartial.Authority)}");
    await running.WaitForShutdownAsync().ConfigureAwait(false);
}

return 0;
