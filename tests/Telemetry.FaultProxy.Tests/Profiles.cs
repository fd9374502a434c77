using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

/// <summary>Profile sets made for one test, beside the shipped file.</summary>
internal static class Profiles
{
    public static FaultProfiles Shipped { get; } = FaultProfiles.Load(FaultProfiles.DefaultPath);

    /// <summary>A set with one profile, "test", whose body is the given JSON object.</summary>
    public static FaultProfiles With(string upstreamsJson) =>
        FaultProfiles.Parse($$"""{ "profiles": { "test": {{upstreamsJson}} } }""", "test-profiles.json");
}
