namespace NetTeam.Device.DataPlane.Userspace;

internal enum PlaneCommandKind
{
    Attach,
    Detach,

    /// <summary>Ends the thread as an error would (a test of the failure path).</summary>
    Fail,
}
