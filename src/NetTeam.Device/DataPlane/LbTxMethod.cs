namespace NetTeam.Device.DataPlane;

/// <summary>The loadbalance mode's <c>lb_tx_method</c> option (Linux team_mode_loadbalance.c).</summary>
public enum LbTxMethod
{
    /// <summary><c>hash</c>: the enabled port at hash % enabled-port count.</summary>
    Hash,

    /// <summary><c>hash_to_port_mapping</c>: <c>lb_tx_hash_to_port_mapping[hash]</c>, falling back to <c>hash</c>.</summary>
    HashToPortMapping,
}
