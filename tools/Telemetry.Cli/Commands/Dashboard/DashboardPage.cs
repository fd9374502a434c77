namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>The dashboard's one page: HTML, CSS and script in one embedded file, so it needs nothing from a CDN.</summary>
internal static class DashboardPage
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded in the CLI.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
