using System.Diagnostics;
using System.Runtime.CompilerServices;
using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Tests;

/// <summary>
/// <see cref="TeamSnapshotData"/> is the value of a BPF array map: its layout must be the C compiler's for the
/// struct the eBPF plane's programs read (team.bpf.c's struct snapshot), field by field.
/// </summary>
public class SnapshotLayoutTests
{
    private const string Program = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/types.h>
        struct snapshot {
            __u32 mode; __u32 en_count; __s32 active_slot; __u32 tx_method; __u32 fragments; __u32 team_ifindex;
            __u64 enabled_mask; __u64 txable_mask; __u64 version;
            __u32 slot_ifindex[64]; __u8 en_slots[64]; __s8 first_txable[64]; __s8 hash_to_slot[256];
        };
        #define O(f) printf(#f " %zu\n", offsetof(struct snapshot, f));
        int main(void) {
            printf("size %zu\n", sizeof(struct snapshot));
            O(mode) O(en_count) O(active_slot) O(tx_method) O(fragments) O(team_ifindex) O(enabled_mask)
            O(txable_mask) O(version) O(slot_ifindex) O(en_slots) O(first_txable) O(hash_to_slot)
            return 0;
        }
        """;

    [Fact]
    public void TheSnapshotHasTheCLayout()
    {
        Dictionary<string, int> gcc = Compile();
        Assert.Equal(gcc["size"], Unsafe.SizeOf<TeamSnapshotData>());
        Assert.Equal(TeamSnapshotData.Size, Unsafe.SizeOf<TeamSnapshotData>());
        TeamSnapshotData d = default;
        Assert.Equal(gcc["mode"], Offset(ref d, ref d.Mode));
        Assert.Equal(gcc["en_count"], Offset(ref d, ref d.EnabledCount));
        Assert.Equal(gcc["active_slot"], Offset(ref d, ref d.ActiveSlot));
        Assert.Equal(gcc["tx_method"], Offset(ref d, ref d.TxMethod));
        Assert.Equal(gcc["fragments"], Offset(ref d, ref d.Fragments));
        Assert.Equal(gcc["team_ifindex"], Offset(ref d, ref d.TeamIfIndex));
        Assert.Equal(gcc["enabled_mask"], Offset(ref d, ref d.EnabledMask));
        Assert.Equal(gcc["txable_mask"], Offset(ref d, ref d.TxableMask));
        Assert.Equal(gcc["version"], Offset(ref d, ref d.Version));
        Assert.Equal(gcc["slot_ifindex"], Offset(ref d, ref d.SlotIfIndex[0]));
        Assert.Equal(gcc["en_slots"], Offset(ref d, ref d.EnabledSlots[0]));
        Assert.Equal(gcc["first_txable"], Offset(ref d, ref d.FirstTxable[0]));
        Assert.Equal(gcc["hash_to_slot"], Offset(ref d, ref d.HashToSlot[0]));
    }

    [Fact]
    public void TheSnapshotRoundTripsThroughItsBytes()
    {
        TeamSnapshot s = TeamSnapshot.Create(ModeKind.LoadBalance, [3, 9], 1UL << 9, -1, LbTxMethod.HashToPortMapping, HashFragments.L4, default, default, 7, 42);
        byte[] bytes = s.Data.ToBytes();
        Assert.Equal(TeamSnapshotData.Size, bytes.Length);
        TeamSnapshotData back = TeamSnapshotData.FromBytes(bytes);
        Assert.Equal(bytes, back.ToBytes());
        Assert.Equal(42UL, back.Version);
        Assert.Equal(9, back.FirstTxable[0]);
        Assert.Equal(9, back.FirstTxable[1]);
        Assert.Equal(-1, back.FirstTxable[2]);
    }

    private static int Offset<T>(ref TeamSnapshotData root, ref T field) => (int)Unsafe.ByteOffset(ref Unsafe.As<TeamSnapshotData, byte>(ref root), ref Unsafe.As<T, byte>(ref field));

    private static Dictionary<string, int> Compile()
    {
        string dir = Directory.CreateTempSubdirectory("netteam-snapshot-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "layout.c"), Program);
            Run("gcc", "-o", Path.Combine(dir, "layout"), Path.Combine(dir, "layout.c"));
            return Run(Path.Combine(dir, "layout")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string file, params string[] args)
    {
        ProcessStartInfo psi = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
