using System.Globalization;

namespace Telemetry.Local.Faults;

/// <summary>The command line of <c>telemetry-fault-proxy</c>, parsed without side effects so it can be tested.</summary>
public sealed record FaultProxyArguments(
    FaultProxyOptions Options,
    string Profile,
    int Seed,
    string? ProfilesPath,
    string? ReadyFile)
{
    /// <summary>Without <c>--seed</c> runs are still reproducible: the seed is fixed, not drawn.</summary>
    public const int DefaultSeed = 1;

    public const string Usage =
        "usage: telemetry-fault-proxy [--kinesis-upstream URL --kinesis-port N] [--dynamodb-upstream URL --dynamodb-port N]\n" +
        "                             [--profile NAME] [--seed N] [--profiles FILE] [--ready-file FILE]\n" +
        "  at least one upstream; port 0 chooses a free port (printed, and written to --ready-file as JSON)\n" +
        "  --profile   a profile of --profiles (default: off; the file defaults to config/fault-profiles.json)\n" +
        "  example: telemetry-fault-proxy --kinesis-upstream http://127.0.0.1:4567 --kinesis-port 0 --profile flaky --seed 7";

    /// <exception cref="ArgumentException">The message says which flag is wrong.</exception>
    public static FaultProxyArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--kinesis-upstream", "--kinesis-port", "--dynamodb-upstream", "--dynamodb-port", "--profile", "--seed", "--profiles", "--ready-file"];
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!known.Contains(args[i], StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            if (!values.TryAdd(args[i], args[i + 1]))
            {
                throw new ArgumentException($"{args[i]} is given twice.");
            }
        }

        var upstreams = new Dictionary<FaultUpstream, UpstreamEndpoint>();
        foreach (var upstream in FaultUpstreams.All)
        {
            if (Upstream(values, upstream) is { } endpoint)
            {
                upstreams[upstream] = endpoint;
            }
        }

        if (upstreams.Count == 0)
        {
            throw new ArgumentException("Give at least one upstream (--kinesis-upstream with --kinesis-port, or --dynamodb-upstream with --dynamodb-port).");
        }

        var seed = DefaultSeed;
        if (values.TryGetValue("--seed", out var seedText) && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
        {
            throw new ArgumentException($"--seed must be a whole number (was '{seedText}').");
        }

        return new FaultProxyArguments(
            new FaultProxyOptions(upstreams),
            values.GetValueOrDefault("--profile", FaultProfile.OffName),
            seed,
            values.GetValueOrDefault("--profiles"),
            values.GetValueOrDefault("--ready-file"));
    }

    private static UpstreamEndpoint? Upstream(Dictionary<string, string> values, FaultUpstream upstream)
    {
        var urlFlag = $"--{upstream.Name()}-upstream";
        var portFlag = $"--{upstream.Name()}-port";
        var hasUrl = values.TryGetValue(urlFlag, out var url);
        var hasPort = values.TryGetValue(portFlag, out var portText);
        if (!hasUrl && !hasPort)
        {
            return null;
        }

        if (!hasUrl || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{urlFlag} must be an http URL such as http://127.0.0.1:4567 (was '{url}').");
        }

        if (!hasPort || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"{portFlag} must be a port from 0 to 65535, 0 for a free one (was '{portText}').");
        }

        return new UpstreamEndpoint(target, port);
    }
}
