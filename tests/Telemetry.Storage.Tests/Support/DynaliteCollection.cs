namespace Telemetry.Storage.Tests.Support;

[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
