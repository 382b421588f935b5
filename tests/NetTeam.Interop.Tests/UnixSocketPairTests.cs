using System.Net.Sockets;

namespace NetTeam.Interop.Tests;

public class UnixSocketPairTests
{
    [Fact]
    public void ASeqpacketPairIsConnectedBothWaysAndKeepsEachDatagramWhole()
    {
        (Socket a, Socket b) = UnixSocketPair.Create(SocketType.Seqpacket);
        using (a)
        using (b)
        {
            Assert.Equal(SocketType.Seqpacket, a.SocketType);
            Assert.Equal(AddressFamily.Unix, b.AddressFamily);
            a.Send("one"u8.ToArray());
            a.Send("two"u8.ToArray());
            byte[] buffer = new byte[16];
            Assert.Equal("one"u8.ToArray(), buffer.AsSpan(0, b.Receive(buffer)).ToArray());
            Assert.Equal("two"u8.ToArray(), buffer.AsSpan(0, b.Receive(buffer)).ToArray());
            b.Send("back"u8.ToArray());
            Assert.Equal("back"u8.ToArray(), buffer.AsSpan(0, a.Receive(buffer)).ToArray());
            b.Dispose();
            // The peer's close is an end of file, as on any connected socket.
            Assert.Equal(0, a.Receive(buffer));
        }
    }
}
