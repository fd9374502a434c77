namespace Telemetry.Processing.Quantiles;

/// <summary>Gathers values and sketches into a <see cref="QuantileSketch"/>. Mutable; not thread-safe.</summary>
public sealed class QuantileSketchBuilder(int maxBinsPerSign = QuantileSketch.MaxBinsPerSign)
{
    private readonly DenseBins positive = new(maxBinsPerSign);
    private readonly DenseBins negative = new(maxBinsPerSign);
    private long zeroCount;

    /// <summary>Values added so far.</summary>
    public long Count => zeroCount + positive.Total + negative.Total;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Metric values must be finite.");
        }

        var magnitude = Math.Abs(value);
        if (magnitude < QuantileSketch.MinMagnitude)
        {
            zeroCount++;
        }
        else
        {
            (value > 0 ? positive : negative).Add(QuantileSketch.Index(magnitude), 1);
        }
    }

    /// <summary>Adds every value <paramref name="sketch"/> counts.</summary>
    public void Add(QuantileSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        zeroCount += sketch.ZeroCount;
        positive.Add(sketch.Positive);
        negative.Add(sketch.Negative);
    }

    public QuantileSketch Build() => new(zeroCount, positive.Build(), negative.Build());

    // Contiguous counts over [min, max], in an array that grows as the range does, never past the cap: a bin
    // below max − cap + 1 is counted in that bin instead. The result depends only on the bins added and the
    // largest of them, not on the order they came in.
    private sealed class DenseBins(int cap)
    {
        private long[] bins = [];
        private int offset;
        private int min = int.MaxValue;
        private int max = int.MinValue;

        public long Total { get; private set; }

        public void Add(SketchBins other)
        {
            for (var i = 0; i < other.Length; i++)
            {
                Add(other.Offset + i, other[i]);
            }
        }

        public void Add(int index, long count)
        {
            if (count == 0)
            {
                return;
            }

            long folded = 0;
            if (Total == 0)
            {
                min = max = index;
            }
            else
            {
                max = Math.Max(max, index);
                var floor = max - cap + 1;
                if (min < floor)
                {
                    // Take the counts now below the floor out before the array moves; they go into the floor bin.
                    for (var i = min; i < floor && i - offset < bins.Length; i++)
                    {
                        folded += bins[i - offset];
                        bins[i - offset] = 0;
                    }

                    min = floor;
                }

                index = Math.Max(index, floor);
                min = Math.Min(min, index);
            }

            Cover(min, max);
            bins[min - offset] += folded;
            bins[index - offset] += count;
            Total += count;
        }

        public SketchBins Build() => Total == 0 ? SketchBins.Empty : new(min, bins[(min - offset)..(max - offset + 1)]);

        private void Cover(int low, int high)
        {
            if (low >= offset && high < offset + bins.Length)
            {
                return;
            }

            var length = Math.Min(cap, Math.Max(Math.Max(16, bins.Length * 2), high - low + 1));
            var grown = new long[length];
            // Room on both sides: a signal drifts either way.
            var start = low - ((length - (high - low + 1)) / 2);
            for (var i = 0; i < bins.Length; i++)
            {
                var index = offset + i;
                if (bins[i] != 0)
                {
                    grown[index - start] = bins[i];
                }
            }

            bins = grown;
            offset = start;
        }
    }
}
