namespace NetTeam.Device.DataPlane;

/// <summary>What a data plane tells the control side, from its own thread: the control side only posts.</summary>
internal interface IDataPlaneObserver
{
    /// <summary>A port that frames are sent on was seen with another carrier than it had.</summary>
    void CarrierChanged(int slot);

    /// <summary>The plane cannot move frames any more (its thread ended with an error).</summary>
    void Failed(Exception error);
}
