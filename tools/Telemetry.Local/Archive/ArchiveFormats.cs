namespace Telemetry.Local.Archive;

/// <summary>The archive formats by their <c>archive.format</c> name and by the extension of their objects.</summary>
public static class ArchiveFormats
{
    private static readonly IArchiveFormat[] All = [new NdjsonGzipFormat(), new ParquetFormat()];

    public static IReadOnlyList<string> Names => [.. All.Select(f => f.Name)];

    /// <exception cref="ArgumentException">An unknown name, with the known ones.</exception>
    public static IArchiveFormat ByName(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown archive format '{name}' (known: {string.Join(", ", Names)}).", nameof(name));

    /// <summary>The format an object of this extension was written in; null for an extension the pipeline never writes.</summary>
    public static IArchiveFormat? ByExtension(string extension) => All.FirstOrDefault(f => f.Extension == extension);
}
