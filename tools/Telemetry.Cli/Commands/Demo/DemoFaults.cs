using Spectre.Console;
using Telemetry.Local.Faults;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>
/// The demo's fault profile on the stack's fault proxy: on for the run with a lease, off at the end, and off on
/// disposal if the run failed before that.
/// </summary>
internal sealed class DemoFaults(LocalStackState state, string profile, int seed) : IAsyncDisposable
{
    private readonly FaultProxyClient? client = profile == FaultProfile.OffName || state.FaultProxy is null ? null : new FaultProxyClient(state.FaultProxy.ControlEndpoint);
    private bool on;

    /// <summary>False (having said why) when the profile is unknown or the stack has no fault proxy.</summary>
    public async Task<bool> SwitchOnAsync(TimeSpan lease, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (profile == FaultProfile.OffName)
        {
            return true;
        }

        if (client is null)
        {
            console.MarkupLine("[red]--faults needs the stack's fault proxy, which this stack has not started; run './telemetry local down' and try again.[/]");
            return false;
        }

        try
        {
            await client.SetAsync(profile, seed, lease, cancellationToken);
            on = true;
            return true;
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineInterpolated($"[red]--faults {profile}: {e.Message}[/]");
            return false;
        }
    }

    /// <summary>Switches the faults off and returns what was injected (null when none were on).</summary>
    public async Task<FaultProxyStatus?> SwitchOffAsync(CancellationToken cancellationToken)
    {
        if (client is null || !on)
        {
            return null;
        }

        var during = await client.GetStatusAsync(cancellationToken);
        await client.SetAsync(FaultProfile.OffName, null, null, cancellationToken);
        on = false;
        return during;
    }

    public async ValueTask DisposeAsync()
    {
        if (on)
        {
            // Best effort, and not cancellable: the run is already ending. The lease switches them off anyway.
            try
            {
                await client!.SetAsync(FaultProfile.OffName, null, null, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
            }
        }

        client?.Dispose();
    }
}
