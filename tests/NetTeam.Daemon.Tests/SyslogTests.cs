using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using NetTeam.Daemon.Logging;

namespace NetTeam.Daemon.Tests;

public class SyslogTests
{
    [Theory]
    [InlineData(LogLevel.Error, 27)]
    [InlineData(LogLevel.Warning, 28)]
    [InlineData(LogLevel.Information, 30)]
    [InlineData(LogLevel.Debug, 31)]
    [InlineData(LogLevel.Trace, 31)]
    [InlineData(LogLevel.Critical, 26)]
    public void PriorityIsFacilityDaemonAndTheSeverity(LogLevel level, int priority) =>
        Assert.Equal(priority, SyslogLoggerProvider.Priority(level));

    [Fact]
    public void EachMessageIsOneDatagramInSyslogsFormat()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netteam-syslog-{Guid.NewGuid():N}.sock");
        using Socket server = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using (SyslogLoggerProvider provider = new(path))
            {
                ILogger logger = provider.CreateLogger("netteamd");
                logger.LogWarning("eth0: arp_ping-link went {State}.", "down");
                logger.LogInformation("two\nlines");
            }
            byte[] buffer = new byte[4096];
            server.ReceiveTimeout = 5000;
            Assert.Equal($"<28>netteamd[{Environment.ProcessId}]: eth0: arp_ping-link went down.", Encoding.UTF8.GetString(buffer, 0, server.Receive(buffer)));
            Assert.Equal($"<30>netteamd[{Environment.ProcessId}]: two lines", Encoding.UTF8.GetString(buffer, 0, server.Receive(buffer)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NoSyslogSocketLosesTheMessageWithoutFailing()
    {
        using SyslogLoggerProvider provider = new(Path.Combine(Path.GetTempPath(), $"netteam-nosuch-{Guid.NewGuid():N}.sock"));
        provider.CreateLogger("netteamd").LogError("nobody listens");
    }
}
