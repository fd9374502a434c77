namespace Telemetry.Aws.Tests.Support;

/// <summary>Returns the given samples in turn, so jittered delays are predictable.</summary>
internal sealed class FixedRandom(params double[] samples) : Random
{
    private int _next;

    public override double NextDouble() => samples[_next++ % samples.Length];
}
