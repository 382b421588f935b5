using NetTeam.Runners.State;

namespace NetTeam.Runners.Tests.State;

/// <summary>The state tree: values registered by owners, dumped in registration order, read and set one path at a time.</summary>
public class StateTreeTests
{
    private readonly object _daemon = new();
    private readonly object _runner = new();

    [Fact]
    public void TheDumpHasEveryRegisteredValueWithItsTypeAndTheGettersAreReadAtEachDump()
    {
        StateTree tree = new();
        tree.Pin(["ports"]);
        int level = 1;
        new StateScope(tree, _daemon, "setup").Add("debug_level", StateValue.Int(() => level));
        new StateScope(tree, _daemon, "setup").Add("runner_name", StateValue.String(() => "lacp"));
        new StateScope(tree, _runner, "runner", "tx_balancer").Add("balancing_interval", StateValue.Int(() => 20u));
        new StateScope(tree, _runner, "runner").Add("active", StateValue.Bool(() => true));
        Assert.Equal("""{"ports":{},"setup":{"debug_level":1,"runner_name":"lacp"},"runner":{"tx_balancer":{"balancing_interval":20},"active":true}}""", tree.Dump().ToJsonString());
        level = 3;
        Assert.Equal(3, tree.Dump()["setup"]!["debug_level"]!.GetValue<int>());
        Assert.Equal(20u, tree.Dump(["runner", "tx_balancer"])!["balancing_interval"]!.GetValue<uint>());
        Assert.Null(tree.Dump(["runner", "active"]));
        Assert.Null(tree.Dump(["nothing"]));
    }

    [Fact]
    public void GetAndSetFindOnePathAndSayWhatItIs()
    {
        StateTree tree = new();
        string active = "eth0";
        StateScope runner = new(tree, _runner, "runner");
        runner.Add("active_port", StateValue.String(() => active, v => v.StartsWith("eth", StringComparison.Ordinal) ? Set(v) : StateSetResult.Refused($"{v} is not a port")));
        runner.Add("sys_prio", StateValue.Int(() => 65535));
        runner.Child("aggregator").Add("selected", StateValue.Bool(() => false, v => v ? StateSetResult.Ok : StateSetResult.Refused("expected true")));

        Assert.Equal(new StateItem(StateItemStatus.Ok, "eth0"), tree.Get(["runner", "active_port"]));
        Assert.Equal(new StateItem(StateItemStatus.Ok, "65535"), tree.Get(["runner", "sys_prio"]));
        Assert.Equal(new StateItem(StateItemStatus.Ok, "false"), tree.Get(["runner", "aggregator", "selected"]));
        Assert.Equal(StateItemStatus.NotAValue, tree.Get(["runner"]).Status);
        Assert.Equal(StateItemStatus.NotFound, tree.Get(["runner", "nosuch"]).Status);
        Assert.Equal(StateItemStatus.NotFound, tree.Get(["runner", "sys_prio", "deeper"]).Status);

        Assert.Equal(StateItemStatus.Ok, tree.Set(["runner", "active_port"], "eth1").Status);
        Assert.Equal("eth1", tree.Get(["runner", "active_port"]).Text);
        Assert.Equal(new StateItem(StateItemStatus.Refused, "bond0 is not a port"), tree.Set(["runner", "active_port"], "bond0"));
        Assert.Equal(StateItemStatus.ReadOnly, tree.Set(["runner", "sys_prio"], "1").Status);
        Assert.Equal(StateItemStatus.NotAValue, tree.Set(["runner", "aggregator"], "x").Status);
        Assert.Equal(StateItemStatus.NotFound, tree.Set(["nosuch"], "x").Status);
        Assert.Equal(StateItemStatus.Ok, tree.Set(["runner", "aggregator", "selected"], "true").Status);
        Assert.Equal(new StateItem(StateItemStatus.Refused, "expected true"), tree.Set(["runner", "aggregator", "selected"], "false"));
        Assert.Equal(StateItemStatus.Refused, tree.Set(["runner", "aggregator", "selected"], "yes").Status);

        StateSetResult Set(string v)
        {
            active = v;
            return StateSetResult.Ok;
        }
    }

    [Fact]
    public void AnIntSetterSeesOnlyUnsignedDecimals()
    {
        StateTree tree = new();
        long level = 0;
        new StateScope(tree, _daemon, "setup").Add("debug_level", StateValue.Int(() => level, v =>
        {
            level = v;
            return StateSetResult.Ok;
        }));
        Assert.Equal(StateItemStatus.Ok, tree.Set(["setup", "debug_level"], "2").Status);
        Assert.Equal(2, level);
        foreach (string bad in new[] { "-1", "+1", " 1", "one", "" })
        {
            Assert.Equal(StateItemStatus.Refused, tree.Set(["setup", "debug_level"], bad).Status);
        }
        Assert.Equal(2, level);
    }

    [Fact]
    public void UnregisteringRemovesTheOwnersValuesAndTheObjectsLeftEmptyButNotPinnedOnes()
    {
        StateTree tree = new();
        tree.Pin(["ports"]);
        object lacpPort = new();
        new StateScope(tree, _daemon, "ports", "eth0", "link").Add("up", StateValue.Bool(() => true));
        new StateScope(tree, lacpPort, "ports", "eth0", "runner").Add("state", StateValue.String(() => "current"));
        new StateScope(tree, _runner, "runner").Add("active", StateValue.Bool(() => true));
        tree.Unregister(lacpPort);
        Assert.Equal("""{"ports":{"eth0":{"link":{"up":true}}},"runner":{"active":true}}""", tree.Dump().ToJsonString());
        tree.Unregister(_daemon);
        tree.Unregister(_runner);
        Assert.Equal("""{"ports":{}}""", tree.Dump().ToJsonString());
    }

    [Fact]
    public void RemoveTakesASubtreeWhoeverRegisteredItAndAGuardHidesAnObject()
    {
        StateTree tree = new();
        tree.Pin(["ports"]);
        bool present = true;
        tree.Guard(["ports", "eth1.1"], () => present);
        new StateScope(tree, _daemon, "ports", "eth1.1", "ifinfo").Add("ifname", StateValue.String(() => "eth1.1"));
        new StateScope(tree, _runner, "ports", "eth1.1", "runner").Add("prio", StateValue.Int(() => 255));
        Assert.Equal("eth1.1", tree.Get(["ports", "eth1.1", "ifinfo", "ifname"]).Text);
        present = false;
        Assert.Equal("""{"ports":{}}""", tree.Dump().ToJsonString());
        Assert.Equal(StateItemStatus.NotFound, tree.Get(["ports", "eth1.1", "ifinfo", "ifname"]).Status);
        present = true;
        tree.Remove(["ports", "eth1.1"]);
        Assert.Equal("""{"ports":{}}""", tree.Dump().ToJsonString());
        // The runner's later unregistration finds nothing left, and the name can be registered again.
        tree.Unregister(_runner);
        new StateScope(tree, _runner, "ports", "eth1.1", "runner").Add("prio", StateValue.Int(() => 255));
        Assert.Equal("255", tree.Get(["ports", "eth1.1", "runner", "prio"]).Text);
    }

    [Fact]
    public void APathTakenAlreadyIsABug()
    {
        StateTree tree = new();
        StateScope runner = new(tree, _runner, "runner");
        runner.Add("active_port", StateValue.String(() => "eth0"));
        Assert.Throws<InvalidOperationException>(() => runner.Add("active_port", StateValue.String(() => "eth1")));
        Assert.Throws<InvalidOperationException>(() => runner.Child("active_port").Add("x", StateValue.Int(() => 1)));
        Assert.Throws<InvalidOperationException>(() => new StateScope(tree, _daemon).Add("runner", StateValue.Int(() => 1)));
        Assert.Equal("""{"runner":{"active_port":"eth0"}}""", tree.Dump().ToJsonString());
    }
}
