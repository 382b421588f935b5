using System.Text.Json.Serialization;

namespace NetTeam.Device.Linux;

/// <summary>
/// The port lock's record, serialized by generated code: netteamd is published as Native AOT, where
/// reflection-based serialization is not available. Default (Pascal case) names, as records written before.
/// </summary>
[JsonSerializable(typeof(PortLockFile.LockInfo))]
internal sealed partial class PortLockJsonContext : JsonSerializerContext;
