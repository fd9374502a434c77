using System.Text;
using Bogus;

namespace Telemetry.Producer.Devices;

/// <summary>A simulated fleet: devices of every kind spread over a few sites, fully determined by a seed.</summary>
public sealed class Fleet
{
    private static readonly string[] SiteKinds = ["Plant", "Warehouse", "Depot", "Office", "Lab", "Store"];

    private Fleet(int seed, IReadOnlyList<DeviceProfile> devices)
    {
        Seed = seed;
        Devices = devices;
    }

    /// <summary>The seed the fleet was generated from.</summary>
    public int Seed { get; }

    /// <summary>The devices, in schedule order (<see cref="DeviceProfile.Index"/>).</summary>
    public IReadOnlyList<DeviceProfile> Devices { get; }

    /// <summary>
    /// Generates <paramref name="deviceCount"/> devices; kinds alternate so that any fleet of three or more has every kind.
    /// The same seed and count always give the same fleet.
    /// </summary>
    public static Fleet Generate(int deviceCount, int seed, string deviceIdPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(deviceIdPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deviceCount);

        // A local Randomizer, not Bogus' global seed, so concurrent fleets cannot disturb each other.
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var sites = Enumerable.Range(0, Math.Max(1, (deviceCount + 4) / 5))
            .Select(_ => SiteName(faker))
            .ToArray();
        var countsPerKind = new Dictionary<DeviceKind, int>();
        var devices = new List<DeviceProfile>(deviceCount);
        for (var index = 0; index < deviceCount; index++)
        {
            var kind = DeviceKinds.All[index % DeviceKinds.All.Count];
            var number = countsPerKind[kind] = countsPerKind.GetValueOrDefault(kind) + 1;
            devices.Add(new DeviceProfile(
                Index: index,
                DeviceId: $"{deviceIdPrefix}{DeviceKinds.Name(kind)}-{number:D4}",
                Kind: kind,
                Site: faker.PickRandom(sites),
                Baseline: Baseline(kind, faker.Random),
                DriftPerHour: faker.Random.Double(-1, 1) * MaxDriftPerHour(kind),
                PhaseHours: faker.Random.Double(-2, 2),
                NoiseScale: faker.Random.Double(0.7, 1.3),
                SpikeProbability: faker.Random.Double(0.001, 0.006),
                NoiseSeed: faker.Random.Int()));
        }

        return new Fleet(seed, devices);
    }

    private static double Baseline(DeviceKind kind, Randomizer random) => kind switch
    {
        DeviceKind.Thermostat => random.Int(19, 23),
        DeviceKind.ColdStorage => random.Double(-1.5, 1.5),
        DeviceKind.Vibration => random.Double(1.0, 4.0),
        _ => 0,
    };

    private static double MaxDriftPerHour(DeviceKind kind) => kind switch
    {
        DeviceKind.Vibration => 0.05,
        _ => 0.1,
    };

    private static string SiteName(Faker faker)
    {
        var name = $"{faker.Address.City()} {faker.PickRandom(SiteKinds)} {faker.Random.Int(1, 9)}";
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '-')
            {
                ascii.Append(c);
            }
        }

        return ascii.ToString();
    }
}
