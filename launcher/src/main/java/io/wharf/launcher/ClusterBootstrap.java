package io.wharf.launcher;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the clustered Vert.x every daemon runs, even alone (a one-member cluster is the embedded
 * default, so one code path serves one host and many). Settings and the reasons for them are in
 * docs/notes/cluster-and-network.md §2: explicit TCP-IP members, no multicast, bound to one
 * address, fast join, 1 s heartbeats.
 */
public final class ClusterBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterBootstrap.class);

  private ClusterBootstrap() {}

  /** The Hazelcast config for these options. Pure: starts nothing. */
  public static Config hazelcastConfig(DaemonOptions o) {
    Config hz = ConfigUtil.loadConfig(); // keeps Vert.x's __vertx.* maps at backup-count 1
    hz.setClusterName(o.clusterName());
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    // Our shutdown hook leaves the cluster after undeploying; Hazelcast's own would race it.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Bind only to --bind, not to 0.0.0.0.
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(o.heartbeatTimeoutSeconds()));
    // A split made at start-up or by a partition heals within seconds, not after 300 s.
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    network(hz.getNetworkConfig(), o);
    hz.addMapConfig(new MapConfig("wharf.*").setBackupCount(1));
    return hz;
  }

  private static void network(NetworkConfig net, DaemonOptions o) {
    net.setPort(o.clusterPort()).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).addInterface(o.bind());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members(o)).setConnectionTimeoutSeconds(2);
  }

  /** The --join members plus this member itself, so a restarted first member finds the others. */
  static List<String> members(DaemonOptions o) {
    List<String> members = new ArrayList<>(o.join());
    if (!members.contains(o.selfMember())) {
      members.add(o.selfMember());
    }
    return members;
  }

  /** Event bus on --bind (any port), epoll when available (half-close on the API socket). */
  public static VertxOptions vertxOptions(DaemonOptions o) {
    return new VertxOptions()
        .setPreferNativeTransport(true)
        .setEventBusOptions(new EventBusOptions().setHost(o.bind()).setPort(0).setClusterPublicHost(o.bind()));
  }

  /** Starts Hazelcast and a clustered Vert.x; completes once this member has joined. */
  public static Future<Vertx> start(DaemonOptions o) {
    return start(vertxOptions(o), hazelcastConfig(o));
  }

  public static Future<Vertx> start(VertxOptions options, Config hz) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    return Vertx.builder().with(options).withClusterManager(manager).buildClustered()
        .onSuccess(vertx -> watchMembership(manager));
  }

  /**
   * Logs every membership change. Uses a Hazelcast listener: the cluster manager's own
   * nodeListener slot belongs to Vert.x (replacing it breaks dead-node cleanup).
   */
  private static void watchMembership(HazelcastClusterManager manager) {
    var cluster = manager.getHazelcastInstance().getCluster();
    LOG.info("cluster member {}: {} member(s)", cluster.getLocalMember().getAddress(),
        cluster.getMembers().size());
    cluster.addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        LOG.info("cluster member joined {}: {} member(s)", e.getMember().getAddress(), e.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        LOG.warn("cluster member left {}: {} member(s)", e.getMember().getAddress(), e.getMembers().size());
      }
    });
  }
}
