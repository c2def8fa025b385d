package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.VertxOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBootstrapTest {
  private final WharfCommandLine parser = new WharfCommandLine("n1");

  private DaemonOptions options(String... flags) {
    List<String> args = new java.util.ArrayList<>(List.of("daemon"));
    args.addAll(List.of(flags));
    return ((Command.Daemon) parser.parse(args)).options();
  }

  @Test
  void aLoneMemberListsItself() {
    assertEquals(List.of("127.0.0.1:5701"), ClusterBootstrap.members(options()));
  }

  @Test
  void aJoiningMemberListsTheOthersAndItself() {
    DaemonOptions o = options("--bind", "10.0.0.2", "--join", "10.0.0.1,10.0.0.2");
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), ClusterBootstrap.members(o));
  }

  @Test
  void hazelcastFollowsTheNotes() {
    Config hz = ClusterBootstrap.hazelcastConfig(options("--bind", "10.0.0.2", "--cluster-port", "5702",
        "--join", "10.0.0.1", "--heartbeat-timeout", "5", "--cluster-name", "t1"));
    assertEquals("t1", hz.getClusterName());
    assertEquals("false", hz.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("false", hz.getProperty("hazelcast.socket.bind.any"));
    assertEquals("false", hz.getProperty("hazelcast.shutdownhook.enabled"));
    assertEquals("0", hz.getProperty("hazelcast.wait.seconds.before.join"));
    assertEquals("1", hz.getProperty("hazelcast.max.wait.seconds.before.join"));
    assertEquals("1", hz.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("5", hz.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("5", hz.getProperty("hazelcast.merge.first.run.delay.seconds"));
    assertEquals(5702, hz.getNetworkConfig().getPort());
    assertFalse(hz.getNetworkConfig().isPortAutoIncrement());
    assertTrue(hz.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("10.0.0.2"), List.copyOf(hz.getNetworkConfig().getInterfaces().getInterfaces()));
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1:5702", "10.0.0.2:5702"), join.getTcpIpConfig().getMembers());
    assertEquals(1, hz.getMapConfig("wharf.nodes").getBackupCount());
    assertEquals(1, hz.getMapConfig("__vertx.nodeInfo").getBackupCount());
    assertEquals(1, hz.getMultiMapConfig("__vertx.subs").getBackupCount());
  }

  @Test
  void eventBusBindsToTheSameAddress() {
    VertxOptions v = ClusterBootstrap.vertxOptions(options("--bind", "10.0.0.2"));
    assertTrue(v.getPreferNativeTransport());
    assertEquals("10.0.0.2", v.getEventBusOptions().getHost());
    assertEquals("10.0.0.2", v.getEventBusOptions().getClusterPublicHost());
    assertEquals(0, v.getEventBusOptions().getPort());
  }
}
