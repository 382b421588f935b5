namespace NetTeam.Device.DataPlane;

/// <summary>What a data plane does with a frame the team transmits.</summary>
public enum TxAction
{
    /// <summary>No port: dropped and counted as tx_dropped.</summary>
    Drop,

    /// <summary>Sent on one port.</summary>
    Port,

    /// <summary>broadcast: a copy on every txable port.</summary>
    AllTxable,
}
