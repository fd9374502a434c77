namespace Telemetry.Local.Emulators;

/// <summary>Installs the pinned emulators (tools/local) on first use.</summary>
public static class EmulatorInstaller
{
    public static Task EnsureInstalledAsync(Action<string>? log = null, CancellationToken cancellationToken = default) =>
        NpmPackages.EnsureInstalledAsync(LocalToolsFolder.Path, log, cancellationToken);
}
