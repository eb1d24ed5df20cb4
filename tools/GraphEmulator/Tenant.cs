namespace GraphEmulator;

/// <summary>One directory: its id (the tokens' tid), its initial domain and its users.</summary>
internal sealed record Tenant(string Id, string Domain, UserStore Users, bool IsDefault);
