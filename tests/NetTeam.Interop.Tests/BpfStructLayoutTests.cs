using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTeam.Interop.Bpf;
using NetTeam.Interop.Bpf.Native;

namespace NetTeam.Interop.Tests;

/// <summary>
/// The bpf(2) attr and info structs against gcc on this machine's linux/bpf.h (Debian's 6.1 headers).
/// Members newer than 6.1 (tcx, log_true_size) are checked where the header has a neighbour at the same
/// place, and their constants are spelled out in the source.
/// </summary>
public class BpfStructLayoutTests
{
    private const string Program = """
        #include <stdio.h>
        #include <stddef.h>
        #include <sys/vfs.h>
        #include <linux/bpf.h>
        #include <linux/magic.h>
        #define U(f) printf("attr." #f " %zu\n", offsetof(union bpf_attr, f));
        #define S(t) printf(#t " size %zu\n", sizeof(struct t));
        #define O(t, f) printf(#t "." #f " %zu\n", offsetof(struct t, f));
        #define C(c) printf(#c " %lld\n", (long long)(c));
        int main(void) {
            U(map_type) U(key_size) U(value_size) U(max_entries) U(map_flags) U(inner_map_fd) U(numa_node) U(map_name) U(map_ifindex) U(btf_vmlinux_value_type_id) U(map_extra)
            U(map_fd) U(key) U(value) U(next_key) U(flags)
            U(prog_type) U(insn_cnt) U(insns) U(license) U(log_level) U(log_size) U(log_buf) U(kern_version) U(prog_flags) U(prog_name) U(prog_ifindex) U(expected_attach_type)
            U(func_info) U(line_info) U(attach_btf_id) U(attach_prog_fd) U(core_relo_cnt) U(fd_array) U(core_relos) U(core_relo_rec_size)
            U(pathname) U(bpf_fd) U(file_flags)
            U(test.prog_fd) U(test.retval) U(test.data_size_in) U(test.data_size_out) U(test.data_in) U(test.data_out) U(test.repeat) U(test.duration)
            U(test.ctx_size_in) U(test.ctx_size_out) U(test.ctx_in) U(test.ctx_out) U(test.flags) U(test.cpu) U(test.batch_size)
            U(map_id) U(next_id) U(open_flags)
            U(info.bpf_fd) U(info.info_len) U(info.info)
            U(query.target_fd) U(query.attach_type) U(query.query_flags) U(query.attach_flags) U(query.prog_ids) U(query.prog_cnt) U(query.prog_attach_flags)
            U(link_create.prog_fd) U(link_create.target_ifindex) U(link_create.attach_type) U(link_create.flags) U(link_create.target_btf_id) U(link_create.tracing.cookie)
            U(link_update.link_fd) U(link_update.new_prog_fd) U(link_update.flags) U(link_update.old_prog_fd)
            U(link_detach.link_fd)
            S(bpf_map_info) O(bpf_map_info, key_size) O(bpf_map_info, max_entries) O(bpf_map_info, map_flags) O(bpf_map_info, name) O(bpf_map_info, ifindex) O(bpf_map_info, netns_ino) O(bpf_map_info, btf_value_type_id) O(bpf_map_info, map_extra)
            S(bpf_prog_info) O(bpf_prog_info, tag) O(bpf_prog_info, jited_prog_len) O(bpf_prog_info, xlated_prog_len) O(bpf_prog_info, load_time) O(bpf_prog_info, nr_map_ids) O(bpf_prog_info, name) O(bpf_prog_info, run_cnt) O(bpf_prog_info, verified_insns)
            O(bpf_link_info, prog_id) O(bpf_link_info, netns.netns_ino) O(bpf_link_info, netns.attach_type)
            printf("statfs size %zu\n", sizeof(struct statfs)); printf("statfs.f_type %zu\n", offsetof(struct statfs, f_type));
            C(BPF_FS_MAGIC) C(BPF_OBJ_NAME_LEN) C(BPF_ANY) C(BPF_NOEXIST) C(BPF_EXIST) C(BPF_F_REPLACE)
            C(BPF_MAP_CREATE) C(BPF_MAP_LOOKUP_ELEM) C(BPF_MAP_UPDATE_ELEM) C(BPF_MAP_DELETE_ELEM) C(BPF_MAP_GET_NEXT_KEY) C(BPF_PROG_LOAD) C(BPF_OBJ_PIN) C(BPF_OBJ_GET)
            C(BPF_PROG_TEST_RUN) C(BPF_MAP_GET_FD_BY_ID) C(BPF_OBJ_GET_INFO_BY_FD) C(BPF_PROG_QUERY) C(BPF_LINK_CREATE) C(BPF_LINK_UPDATE) C(BPF_LINK_DETACH)
            C(BPF_MAP_TYPE_HASH) C(BPF_MAP_TYPE_ARRAY) C(BPF_MAP_TYPE_PERCPU_ARRAY) C(BPF_MAP_TYPE_LRU_HASH) C(BPF_MAP_TYPE_ARRAY_OF_MAPS) C(BPF_MAP_TYPE_HASH_OF_MAPS)
            C(BPF_PROG_TYPE_SOCKET_FILTER) C(BPF_PROG_TYPE_SCHED_CLS) C(BPF_PROG_TYPE_XDP) C(BPF_LINK_TYPE_NETNS) C(BPF_LINK_TYPE_XDP) C(BPF_LINK_TYPE_STRUCT_OPS)
            return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, long>> s_gcc = new(Compile);

    private static Dictionary<string, long> Compile()
    {
        string dir = Directory.CreateTempSubdirectory("netteam-bpf-layout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "layout.c"), Program);
            Run("gcc", "-o", Path.Combine(dir, "layout"), Path.Combine(dir, "layout.c"));
            return Run(Path.Combine(dir, "layout")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .ToDictionary(p => string.Join(' ', p[..^1]), p => long.Parse(p[^1], CultureInfo.InvariantCulture));
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

    private static void Attr<T>(string member, string ours) =>
        Assert.True(s_gcc.Value["attr." + member] == (int)Marshal.OffsetOf<T>(ours), $"{typeof(T).Name}.{ours} vs {member}");

    private static void Offset<T>(string c, string ours) =>
        Assert.True(s_gcc.Value[c] == (int)Marshal.OffsetOf<T>(ours), $"{typeof(T).Name}.{ours} vs {c}");

    private static void Constant(string name, long ours) => Assert.True(s_gcc.Value[name] == ours, $"{name}: gcc {s_gcc.Value[name]}, ours {ours}");

    [Fact]
    public void MapCommands()
    {
        string[] members = ["map_type", "key_size", "value_size", "max_entries", "map_flags", "inner_map_fd", "numa_node", "map_name", "map_ifindex", "btf_vmlinux_value_type_id", "map_extra"];
        string[] ours = ["MapType", "KeySize", "ValueSize", "MaxEntries", "MapFlags", "InnerMapFd", "NumaNode", "MapName", "MapIfIndex", "BtfVmlinuxValueTypeId", "MapExtra"];
        for (int i = 0; i < members.Length; i++)
        {
            Attr<MapCreateAttr>(members[i], ours[i]);
        }
        Assert.Equal(s_gcc.Value["attr.map_extra"] + 8, Unsafe.SizeOf<MapCreateAttr>());
        Attr<MapElemAttr>("map_fd", "MapFd");
        Attr<MapElemAttr>("key", "Key");
        Attr<MapElemAttr>("value", "Value");
        Attr<MapElemAttr>("next_key", "Value");
        Attr<MapElemAttr>("flags", "Flags");
        Attr<GetFdByIdAttr>("map_id", "Id");
        Attr<GetFdByIdAttr>("next_id", "NextId");
        Attr<GetFdByIdAttr>("open_flags", "OpenFlags");
    }

    [Fact]
    public void ProgramLoad()
    {
        string[] members = ["prog_type", "insn_cnt", "insns", "license", "log_level", "log_size", "log_buf", "kern_version", "prog_flags", "prog_name", "prog_ifindex", "expected_attach_type",
            "func_info", "line_info", "attach_btf_id", "attach_prog_fd", "core_relo_cnt", "fd_array", "core_relos", "core_relo_rec_size"];
        string[] ours = ["ProgType", "InsnCnt", "Insns", "License", "LogLevel", "LogSize", "LogBuf", "KernVersion", "ProgFlags", "ProgName", "ProgIfIndex", "ExpectedAttachType",
            "FuncInfo", "LineInfo", "AttachBtfId", "AttachProgFd", "CoreReloCnt", "FdArray", "CoreRelos", "CoreReloRecSize"];
        for (int i = 0; i < members.Length; i++)
        {
            Attr<ProgLoadAttr>(members[i], ours[i]);
        }
        // log_true_size (6.4) follows core_relo_rec_size.
        Assert.Equal(s_gcc.Value["attr.core_relo_rec_size"] + 4, (int)Marshal.OffsetOf<ProgLoadAttr>("LogTrueSize"));
    }

    [Fact]
    public void ObjectTestRunInfoAndQuery()
    {
        Attr<ObjAttr>("pathname", "Pathname");
        Attr<ObjAttr>("bpf_fd", "BpfFd");
        Attr<ObjAttr>("file_flags", "FileFlags");
        string[] test = ["prog_fd", "retval", "data_size_in", "data_size_out", "data_in", "data_out", "repeat", "duration", "ctx_size_in", "ctx_size_out", "ctx_in", "ctx_out", "flags", "cpu", "batch_size"];
        string[] ours = ["ProgFd", "Retval", "DataSizeIn", "DataSizeOut", "DataIn", "DataOut", "Repeat", "Duration", "CtxSizeIn", "CtxSizeOut", "CtxIn", "CtxOut", "Flags", "Cpu", "BatchSize"];
        for (int i = 0; i < test.Length; i++)
        {
            Attr<TestRunAttr>("test." + test[i], ours[i]);
        }
        Attr<InfoAttr>("info.bpf_fd", "BpfFd");
        Attr<InfoAttr>("info.info_len", "InfoLen");
        Attr<InfoAttr>("info.info", "Info");
        string[] query = ["target_fd", "attach_type", "query_flags", "attach_flags", "prog_ids", "prog_cnt", "prog_attach_flags"];
        string[] oursQuery = ["TargetFd", "AttachType", "QueryFlags", "AttachFlags", "ProgIds", "ProgCnt", "ProgAttachFlags"];
        for (int i = 0; i < query.Length; i++)
        {
            Attr<QueryAttr>("query." + query[i], oursQuery[i]);
        }
    }

    [Fact]
    public void Links()
    {
        Attr<LinkCreateAttr>("link_create.prog_fd", "ProgFd");
        Attr<LinkCreateAttr>("link_create.target_ifindex", "TargetIfIndex");
        Attr<LinkCreateAttr>("link_create.attach_type", "AttachType");
        Attr<LinkCreateAttr>("link_create.flags", "Flags");
        // tcx.relative_fd opens the union that target_btf_id opens; expected_revision sits where tracing.cookie does.
        Attr<LinkCreateAttr>("link_create.target_btf_id", "RelativeFd");
        Attr<LinkCreateAttr>("link_create.tracing.cookie", "ExpectedRevision");
        Attr<LinkUpdateAttr>("link_update.link_fd", "LinkFd");
        Attr<LinkUpdateAttr>("link_update.new_prog_fd", "NewProgFd");
        Attr<LinkUpdateAttr>("link_update.flags", "Flags");
        Attr<LinkUpdateAttr>("link_update.old_prog_fd", "OldProgFd");
        Attr<LinkDetachAttr>("link_detach.link_fd", "LinkFd");
        Offset<LinkInfoNative>("bpf_link_info.prog_id", "ProgId");
        Offset<LinkInfoNative>("bpf_link_info.netns.netns_ino", "TcxIfIndex");
        Offset<LinkInfoNative>("bpf_link_info.netns.attach_type", "TcxAttachType");
    }

    [Fact]
    public void InfoStructs()
    {
        Assert.Equal(s_gcc.Value["bpf_map_info size"], Unsafe.SizeOf<MapInfoNative>());
        Offset<MapInfoNative>("bpf_map_info.key_size", "KeySize");
        Offset<MapInfoNative>("bpf_map_info.max_entries", "MaxEntries");
        Offset<MapInfoNative>("bpf_map_info.map_flags", "MapFlags");
        Offset<MapInfoNative>("bpf_map_info.name", "Name");
        Offset<MapInfoNative>("bpf_map_info.ifindex", "IfIndex");
        Offset<MapInfoNative>("bpf_map_info.netns_ino", "NetnsIno");
        Offset<MapInfoNative>("bpf_map_info.btf_value_type_id", "BtfValueTypeId");
        Offset<MapInfoNative>("bpf_map_info.map_extra", "MapExtra");
        Assert.Equal(s_gcc.Value["bpf_prog_info size"], Unsafe.SizeOf<ProgInfoNative>());
        Offset<ProgInfoNative>("bpf_prog_info.tag", "Tag");
        Offset<ProgInfoNative>("bpf_prog_info.jited_prog_len", "JitedProgLen");
        Offset<ProgInfoNative>("bpf_prog_info.xlated_prog_len", "XlatedProgLen");
        Offset<ProgInfoNative>("bpf_prog_info.load_time", "LoadTime");
        Offset<ProgInfoNative>("bpf_prog_info.nr_map_ids", "NrMapIds");
        Offset<ProgInfoNative>("bpf_prog_info.name", "Name");
        Offset<ProgInfoNative>("bpf_prog_info.run_cnt", "RunCnt");
        Offset<ProgInfoNative>("bpf_prog_info.verified_insns", "VerifiedInsns");
        Assert.Equal(BpfNative.StatFsSize, s_gcc.Value["statfs size"]);
        Assert.Equal(0, s_gcc.Value["statfs.f_type"]);
    }

    [Fact]
    public void Constants()
    {
        Constant("BPF_FS_MAGIC", BpfNative.BpfFsMagic);
        Constant("BPF_OBJ_NAME_LEN", BpfObjectName.Length);
        Constant("BPF_ANY", (long)BpfMapUpdate.Any);
        Constant("BPF_NOEXIST", (long)BpfMapUpdate.NoExist);
        Constant("BPF_EXIST", (long)BpfMapUpdate.Exist);
        Constant("BPF_F_REPLACE", BpfNative.FReplace);
        (string, BpfCommand)[] commands =
        [
            ("BPF_MAP_CREATE", BpfCommand.MapCreate), ("BPF_MAP_LOOKUP_ELEM", BpfCommand.MapLookupElem), ("BPF_MAP_UPDATE_ELEM", BpfCommand.MapUpdateElem),
            ("BPF_MAP_DELETE_ELEM", BpfCommand.MapDeleteElem), ("BPF_MAP_GET_NEXT_KEY", BpfCommand.MapGetNextKey), ("BPF_PROG_LOAD", BpfCommand.ProgLoad),
            ("BPF_OBJ_PIN", BpfCommand.ObjPin), ("BPF_OBJ_GET", BpfCommand.ObjGet), ("BPF_PROG_TEST_RUN", BpfCommand.ProgTestRun),
            ("BPF_MAP_GET_FD_BY_ID", BpfCommand.MapGetFdById), ("BPF_OBJ_GET_INFO_BY_FD", BpfCommand.ObjGetInfoByFd), ("BPF_PROG_QUERY", BpfCommand.ProgQuery),
            ("BPF_LINK_CREATE", BpfCommand.LinkCreate), ("BPF_LINK_UPDATE", BpfCommand.LinkUpdate), ("BPF_LINK_DETACH", BpfCommand.LinkDetach),
        ];
        foreach ((string name, BpfCommand command) in commands)
        {
            Constant(name, (long)command);
        }
        Constant("BPF_MAP_TYPE_HASH", (long)BpfMapType.Hash);
        Constant("BPF_MAP_TYPE_ARRAY", (long)BpfMapType.Array);
        Constant("BPF_MAP_TYPE_PERCPU_ARRAY", (long)BpfMapType.PerCpuArray);
        Constant("BPF_MAP_TYPE_LRU_HASH", (long)BpfMapType.LruHash);
        Constant("BPF_MAP_TYPE_ARRAY_OF_MAPS", (long)BpfMapType.ArrayOfMaps);
        Constant("BPF_MAP_TYPE_HASH_OF_MAPS", (long)BpfMapType.HashOfMaps);
        Constant("BPF_PROG_TYPE_SOCKET_FILTER", (long)BpfProgramType.SocketFilter);
        Constant("BPF_PROG_TYPE_SCHED_CLS", (long)BpfProgramType.SchedCls);
        Constant("BPF_PROG_TYPE_XDP", (long)BpfProgramType.Xdp);
        Constant("BPF_LINK_TYPE_NETNS", (long)BpfLinkType.Netns);
        Constant("BPF_LINK_TYPE_XDP", (long)BpfLinkType.Xdp);
        Constant("BPF_LINK_TYPE_STRUCT_OPS", (long)BpfLinkType.StructOps);
    }
}
