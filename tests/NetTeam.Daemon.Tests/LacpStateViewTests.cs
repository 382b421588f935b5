using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Daemon.Tests;

/// <summary>teamd's own lacp state dumps render to exactly the text teamdctl printed for them.</summary>
public class LacpStateViewTests
{
    [Theory]
    [InlineData("lacp", "state_view.txt", false)]
    [InlineData("lacp", "state_view_verbose.txt", true)]
    [InlineData("lacp_partner/1_converged", "state_view.txt", false)]
    [InlineData("lacp_partner/2_silenced", "state_view.txt", false)]
    [InlineData("lacp_partner/3_resumed", "state_view.txt", false)]
    [InlineData("lacp_partner/4_eth1_carrier_off", "state_view.txt", false)]
    [InlineData("lacp_partner/5_eth1_carrier_on", "state_view.txt", false)]
    public void GoldenDumpsRenderAsTeamdctlPrintedThem(string folder, string view, bool verbose)
    {
        string[] dir = folder.Split('/');
        JsonObject dump = JsonNode.Parse(TeamdFixtures.Read([.. dir, "state_dump.json"]))!.AsObject();
        Assert.Equal(TeamdFixtures.Read([.. dir, view]), StateView.Render(dump, verbose));
    }
}
