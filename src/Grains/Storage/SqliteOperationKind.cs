namespace TokenFactoryTwin.Grains.Storage;

internal enum SqliteOperationKind
{
    Read,
    Write,
    Delete,
}
