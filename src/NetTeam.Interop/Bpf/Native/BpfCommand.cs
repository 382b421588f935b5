namespace NetTeam.Interop.Bpf.Native;

/// <summary>enum bpf_cmd (linux/bpf.h): the first argument of bpf(2).</summary>
internal enum BpfCommand
{
    MapCreate = 0,
    MapLookupElem = 1,
    MapUpdateElem = 2,
    MapDeleteElem = 3,
    MapGetNextKey = 4,
    ProgLoad = 5,
    ObjPin = 6,
    ObjGet = 7,
    ProgTestRun = 10,
    MapGetFdById = 14,
    ObjGetInfoByFd = 15,
    ProgQuery = 16,
    LinkCreate = 28,
    LinkUpdate = 29,
    LinkDetach = 34,
}
