using System.Text;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>
/// The local stack's on-failure destination, a JSON-lines file. Re-driven lines move to <c>&lt;file&gt;.redriven</c>
/// (appended); the rest, malformed lines included, stay in the file.
/// </summary>
public static class OnFailureFile
{
    public const string RedrivenSuffix = ".redriven";

    // Encoding.UTF8 would start a new file with a byte order mark, which JSON-lines readers take for part of the first line.
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Every non-blank line of <paramref name="path"/>, with its number and what it says.</summary>
    public static IReadOnlyList<OnFailureLine> Read(string path) =>
        [.. Lines(File.ReadAllText(path, Utf8WithoutBom)).Select(l => OnFailureLine.Parse(l.Number, l.Text))];

    /// <summary>
    /// Appends <paramref name="redriven"/> to the <c>.redriven</c> file, then rewrites <paramref name="path"/> without them.
    /// A line is removed once per time it is listed, so two identical records are told apart by count.
    /// </summary>
    public static void MarkRedriven(string path, IReadOnlyList<string> redriven)
    {
        ArgumentNullException.ThrowIfNull(redriven);
        if (redriven.Count == 0)
        {
            return;
        }

        // Appended first: a crash in between leaves a line in both files, and re-driving it again changes nothing.
        File.AppendAllText(path + RedrivenSuffix, string.Concat(redriven.Select(l => l + "\n")), Utf8WithoutBom);

        // The function service may append a line while we rewrite; if the file grew after we read it, read it again,
        // so that a line written meanwhile is kept. Only a write between the check and the move could slip through.
        while (true)
        {
            var before = File.ReadAllText(path, Utf8WithoutBom);
            var toRemove = redriven.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var kept = new StringBuilder();
            foreach (var (_, text) in Lines(before))
            {
                if (toRemove.TryGetValue(text, out var count) && count > 0)
                {
                    toRemove[text] = count - 1;
                    continue;
                }

                kept.Append(text).Append('\n');
            }

            var temporary = path + ".tmp";
            File.WriteAllText(temporary, kept.ToString(), Utf8WithoutBom);
            if (new FileInfo(path).Length != Utf8WithoutBom.GetByteCount(before))
            {
                File.Delete(temporary);
                continue;
            }

            File.Move(temporary, path, overwrite: true);
            return;
        }
    }

    private static IEnumerable<(int Number, string Text)> Lines(string content) =>
        content.Split('\n')
            .Select((text, index) => (Number: index + 1, Text: text.TrimEnd('\r')))
            .Where(l => !string.IsNullOrWhiteSpace(l.Text));
}

/// <summary>One line of an on-failure file: the record it holds, or why it holds none.</summary>
public sealed record OnFailureLine(int Number, string Text, InvocationRecord? Record, string? Error)
{
    public static OnFailureLine Parse(int number, string text) =>
        InvocationRecord.TryParse(text, out var record, out var error)
            ? new OnFailureLine(number, text, record, null)
            : new OnFailureLine(number, text, null, error);
}
