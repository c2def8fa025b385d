package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The docker CLI against a two-node cluster (n1 all roles, n2 node+gateway): what a user sees
 * through EITHER gateway socket for containers placed on EITHER node. Placement is read from the
 * data roots: a container lives in {@code <data-root>/containers/<id>} of the node that owns it.
 * Every container it creates has the run's unique prefix; {@link #removeAll} deletes them.
 */
final class CrossNodeDockerChecks {
  private final Map<String, ClusterDockerCli> gateways; // node name -> docker CLI on that node's socket
  private final Map<String, Path> dataRoots; // node name -> its data root
  private final String prefix;

  CrossNodeDockerChecks(Map<String, ClusterDockerCli> gateways, Map<String, Path> dataRoots, String prefix) {
    this.gateways = gateways;
    this.dataRoots = dataRoots;
    this.prefix = prefix;
  }

  ClusterDockerCli via(String node) {
    return gateways.get(node);
  }

  static String other(String node) {
    return node.equals("n1") ? "n2" : "n1";
  }

  /** The node whose data root holds container {@code id}, or null. */
  String nodeOf(String id) {
    for (Map.Entry<String, Path> e : dataRoots.entrySet()) {
      if (Files.isDirectory(e.getValue().resolve("containers").resolve(id))) {
        return e.getKey();
      }
    }
    return null;
  }

  /**
   * Runs detached containers named {@code prefix-<tag>-<i>} through alternating gateways until
   * both nodes hold at least one. Returns node -> the name of one container it holds.
   */
  Map<String, String> runOnBothNodes(String tag, String... command) throws Exception {
    Map<String, String> byNode = new HashMap<>();
    for (int i = 0; i < 8 && byNode.size() < 2; i++) {
      String name = prefix + "-" + tag + "-" + i;
      String[] args = Stream.concat(Stream.of("run", "-d", "-i", "--name", name, "busybox"), Arrays.stream(command))
          .toArray(String[]::new);
      String id = via(i % 2 == 0 ? "n1" : "n2").run(args).ok().out().trim();
      String node = nodeOf(id);
      assertTrue(node != null, "container " + name + " (" + id + ") is in no data root");
      assertEquals(node, via(other(node)).run("inspect", "-f", "{{.Node.Name}}", name).ok().out().trim());
      byNode.putIfAbsent(node, name);
    }
    assertEquals(2, byNode.size(), "the scheduler placed every '" + tag + "' container on one node: " + byNode);
    return byNode;
  }

  /** {@code docker ps} through each gateway lists every name in {@code names}. */
  void psListsEverywhere(List<String> names) throws Exception {
    for (String node : List.of("n1", "n2")) {
      String ps = via(node).run("ps", "--format", "{{.Names}} {{.State}}").ok().out();
      for (String name : names) {
        assertTrue(ps.contains(name + " running"), "docker ps via " + node + " lacks " + name + ":\n" + ps);
      }
    }
  }

  /** logs, logs -f, attach with stdin: each through the gateway of the node NOT holding it. */
  void streamsAcrossNodes(String node) throws Exception {
    ClusterDockerCli cli = via(other(node));
    String counter = runOn(node, "count", "sh", "-c", "for i in 1 2 3; do echo n$i; sleep 0.5; done");
    ClusterDockerCli.Bg follow = cli.start(null, "logs", "-f", counter);
    assertEquals(0, follow.awaitExit(Duration.ofSeconds(30)), "logs -f " + counter + ": " + follow.err());
    assertEquals("n1\nn2\nn3\n", follow.out(), "logs -f of " + counter + " on " + node);
    assertEquals("n2\nn3\n", cli.run("logs", "--tail", "2", counter).ok().out());

    String reader = runOn(node, "read", "sh", "-c", "read line; echo got $line");
    ClusterDockerCli.Bg attach = cli.start("hello\n", "attach", reader);
    int exit = attach.awaitExit(Duration.ofSeconds(30));
    if (exit == -1) {
      attach.kill();
    }
    assertEquals(0, exit, "attach to " + reader + " on " + node + ": " + attach.err());
    assertEquals("got hello\n", attach.out());
  }

  /** Creates containers until one lands on {@code node} (the rest are removed at the end). */
  private String runOn(String node, String tag, String... command) throws Exception {
    for (int i = 0; i < 8; i++) {
      String name = prefix + "-" + tag + "-" + node + "-" + i;
      String[] args = Stream.concat(Stream.of("create", "-i", "--name", name, "busybox"), Arrays.stream(command))
          .toArray(String[]::new);
      String id = via(node).run(args).ok().out().trim();
      if (node.equals(nodeOf(id))) {
        via(node).run("start", name).ok();
        return name;
      }
    }
    return fail("8 containers created and none placed on " + node);
  }

  /** Names are unique cluster-wide: the same name through the other gateway is a 409. */
  void namesAreClusterWide(String existing) throws Exception {
    for (String node : List.of("n1", "n2")) {
      ClusterDockerCli.Result r = via(node).run("create", "--name", existing, "busybox", "true");
      assertFalse(r.exit() == 0, "second container named " + existing + " via " + node);
      assertTrue(r.err().contains("Conflict. The container name \"/" + existing + "\" is already in use"), r.err());
    }
  }

  /** stop and rm of a container on {@code node} through the other node's gateway. */
  void stopAndRemoveAcross(String node, String name) throws Exception {
    ClusterDockerCli cli = via(other(node));
    String id = cli.run("inspect", "-f", "{{.Id}}", name).ok().out().trim();
    assertEquals(name + "\n", cli.run("stop", "-t", "1", name).ok().out());
    assertEquals("exited", cli.run("inspect", "-f", "{{.State.Status}}", name).ok().out().trim());
    cli.run("rm", name).ok();
    assertFalse(Files.exists(dataRoots.get(node).resolve("containers").resolve(id)), "rm left " + id + " on " + node);
    String all = via(node).run("ps", "-a", "--format", "{{.Names}}").ok().out();
    assertFalse(all.lines().anyMatch(name::equals), "removed " + name + " still listed via " + node);
  }

  /** Names of this run's containers that {@code docker ps} (optionally -a) lists through {@code node}. */
  List<String> listed(String node, String... extra) throws Exception {
    String[] args = Stream.concat(Stream.of("ps", "--format", "{{.Names}}"), Arrays.stream(extra)).toArray(String[]::new);
    return via(node).run(args).ok().out().lines().filter(n -> n.startsWith(prefix)).toList();
  }

  /** {@code docker rm -f} of every container of this run, through {@code node}'s gateway. */
  void removeAll(String node) throws IOException, InterruptedException {
    String names = via(node).run("ps", "-a", "-q", "--filter", "name=" + prefix).out().trim();
    if (!names.isEmpty()) {
      List<String> args = Stream.concat(Stream.of("rm", "-f"), names.lines()).toList();
      via(node).run(args.toArray(String[]::new));
    }
  }
}
