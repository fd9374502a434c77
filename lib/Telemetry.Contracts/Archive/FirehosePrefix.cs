using System.Globalization;
using System.Text;

namespace Telemetry.Contracts.Archive;

/// <summary>
/// A Firehose S3 prefix with its <c>!{namespace:value}</c> expressions, checked as Firehose checks them when the
/// delivery stream is created and evaluated as Firehose evaluates them when an object is written: every
/// <c>!{timestamp:…}</c> on the approximate arrival time of the object's oldest record, in UTC.
/// </summary>
public sealed class FirehosePrefix
{
    /// <summary>The values <c>!{firehose:error-output-type}</c> takes, as Firehose names them.</summary>
    public const string ProcessingFailed = "processing-failed";

    public const string FormatConversionFailed = "format-conversion-failed";

    private const int RandomStringLength = 11;
    private const string RandomAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly IReadOnlyList<Part> _parts;

    private FirehosePrefix(string template, IReadOnlyList<Part> parts)
    {
        Template = template;
        _parts = parts;
    }

    public string Template { get; }

    /// <summary>Whether the prefix has any expression; Firehose then requires an error prefix too.</summary>
    public bool HasExpressions => _parts.Any(p => p is not Part.Literal);

    public bool HasErrorOutputType => _parts.Any(p => p is Part.ErrorOutputType);

    /// <summary>
    /// The text every evaluation starts with (the literal before the first expression): where a reader lists the
    /// objects written under this prefix, whatever the time.
    /// </summary>
    public string ListingPrefix => _parts is [Part.Literal first, ..] ? first.Text : "";

    /// <summary>
    /// Parses <paramref name="template"/>; <paramref name="isErrorPrefix"/> allows <c>!{firehose:error-output-type}</c>,
    /// which Firehose refuses in the main prefix.
    /// </summary>
    /// <exception cref="FormatException">An expression Firehose would refuse, named with its position.</exception>
    public static FirehosePrefix Parse(string template, bool isErrorPrefix)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("!{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(template, at, template.Length - at);
                break;
            }

            literal.Append(template, at, open - at);
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new FormatException($"'{template}': the expression at position {open} has no closing '}}'.");
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part.Literal(literal.ToString()));
                literal.Clear();
            }

            parts.Add(ParseExpression(template, template[(open + 2)..close], open, isErrorPrefix));
            at = close + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part.Literal(literal.ToString()));
        }

        return new FirehosePrefix(template, parts);
    }

    /// <summary>
    /// The prefix for an object whose oldest record arrived at <paramref name="oldestArrival"/>;
    /// <paramref name="errorOutputType"/> fills <c>!{firehose:error-output-type}</c>.
    /// </summary>
    public string Evaluate(DateTimeOffset oldestArrival, string? errorOutputType = null, Random? random = null)
    {
        var utc = oldestArrival.UtcDateTime;
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part switch
            {
                Part.Literal l => l.Text,
                Part.Timestamp t => utc.ToString(t.NetFormat, CultureInfo.InvariantCulture),
                Part.ErrorOutputType => errorOutputType ?? throw new InvalidOperationException($"'{Template}' names the error output type; give one."),
                Part.RandomString => RandomString(random ?? Random.Shared),
                _ => throw new InvalidOperationException("unknown prefix part"),
            });
        }

        return text.ToString();
    }

    private static string RandomString(Random random)
    {
        Span<char> chars = stackalloc char[RandomStringLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = RandomAlphabet[random.Next(RandomAlphabet.Length)];
        }

        return new string(chars);
    }

    private static Part ParseExpression(string template, string expression, int position, bool isErrorPrefix)
    {
        var colon = expression.IndexOf(':', StringComparison.Ordinal);
        var (ns, value) = colon < 0 ? (expression, "") : (expression[..colon], expression[(colon + 1)..]);
        return ns switch
        {
            "timestamp" => new Part.Timestamp(JavaPatternToNet(template, value, position)),
            "firehose" when value == "error-output-type" && isErrorPrefix => new Part.ErrorOutputType(),
            "firehose" when value == "error-output-type" => throw new FormatException(
                $"'{template}': !{{firehose:error-output-type}} (position {position}) belongs in the error output prefix only, as Firehose requires."),
            "firehose" when value == "random-string" => new Part.RandomString(),
            "firehose" => throw new FormatException(
                $"'{template}': unknown firehose value '{value}' at position {position} (known: error-output-type, random-string)."),
            "partitionKeyFromQuery" or "partitionKeyFromLambda" => throw new FormatException(
                $"'{template}': !{{{ns}:…}} at position {position} needs dynamic partitioning, which the pipeline does not use."),
            _ => throw new FormatException($"'{template}': unknown namespace '{ns}' at position {position} (known: timestamp, firehose)."),
        };
    }

    // Firehose takes Java DateTimeFormatter patterns. The calendar fields a partition needs (y, M, d, H, m, s) read
    // the same in .NET; other letters mean different things in the two languages, so they are refused, not guessed.
    private static string JavaPatternToNet(string template, string pattern, int position)
    {
        if (pattern.Length == 0)
        {
            throw new FormatException($"'{template}': !{{timestamp:}} at position {position} has no pattern. Example: !{{timestamp:yyyy}}");
        }

        var net = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"'{template}': unclosed quote in the timestamp pattern '{pattern}' at position {position}.");
                }

                var quoted = pattern[(i + 1)..end];
                net.Append('\'').Append(quoted).Append('\'');
                i = end;
            }
            else if (c is 'y' or 'M' or 'd' or 'H' or 'm' or 's')
            {
                net.Append(c);
            }
            else if (char.IsAsciiLetter(c))
            {
                throw new FormatException(
                    $"'{template}': the timestamp pattern '{pattern}' at position {position} uses '{c}'; the pipeline supports y, M, d, H, m, s and quoted text.");
            }
            else
            {
                net.Append('\\').Append(c);
            }
        }

        // A one-letter .NET format is a standard format ("d" is a short date); '%' makes it the custom field.
        return net.Length == 1 ? "%" + net : net.ToString();
    }

    private abstract record Part
    {
        public sealed record Literal(string Text) : Part;

        public sealed record Timestamp(string NetFormat) : Part;

        public sealed record ErrorOutputType : Part;

        public sealed record RandomString : Part;
    }
}
