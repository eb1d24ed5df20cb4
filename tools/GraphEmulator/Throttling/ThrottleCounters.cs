namespace GraphEmulator;

/// <summary>
/// Counts of <see cref="GraphThrottle.Admit"/> decisions since start, the last <see cref="GraphThrottle.Reset"/>
/// or <see cref="GraphThrottle.Configure"/> (for tests and benchmarks).
/// </summary>
/// <param name="Admitted">Requests allowed (including every request while the model is disabled).</param>
/// <param name="Throttled">Requests refused (429).</param>
/// <param name="WriteLimitRefusals">Refusals by a write bucket (<c>WriteLimitExceeded</c>).</param>
/// <param name="ResourceUnitRefusals">Refusals by a resource-unit bucket (<c>ResourceUnitLimitExceeded</c>).</param>
internal readonly record struct ThrottleCounters(long Admitted, long Throttled, long WriteLimitRefusals, long ResourceUnitRefusals);
