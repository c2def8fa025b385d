package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.launcher.DockerCliRunner.Result;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS with the real docker CLI (root, runc, conmon, iproute2, iptables): two
 * containers on a user network resolve each other by name and alias at 127.0.0.11, a third on
 * another network gets NXDOMAIN; --add-host, --dns, --dns-search, --dns-option, --hostname and
 * --domainname show in /etc/hosts and /etc/resolv.conf as Docker writes them; names still resolve
 * after the daemon is killed with SIGKILL and started again (with a lost veth and a lost DNS
 * redirect re-made); a container on several networks resolves the names of each, and a live
 * connect gives a default-bridge container the embedded DNS; docker events shows the network
 * events. Subnets and names are unique per run; everything made here is removed.
 */
class DnsCliIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String NET = "10." + (50 + PID % 50) + ".";
  private WharfNode node;
  private DockerCliRunner docker;

  @BeforeEach
  void start() throws Exception {
    node = WharfNode.start("dns-it-");
    node.loadBusybox();
    docker = node.docker;
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      for (String c : docker.run("ps", "-aq").out().split("\\s+")) {
        if (!c.isBlank()) {
          docker.run("rm", "-f", c);
        }
      }
      docker.run("network", "prune", "-f");
      node.close();
    }
  }

  private static String name(String base) {
    return base + "-" + PID;
  }

  private String ip(String container) throws Exception {
    return docker.ok("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container)
        .out().strip();
  }

  @Test
  void namesAndAliasesResolveOnTheirNetworkOnlyAndSurviveARestart() throws Exception {
    String front = name("front");
    String back = name("back");
    docker.ok("network", "create", "--subnet", NET + "1.0/24", front);
    docker.ok("network", "create", "--subnet", NET + "2.0/24", back);
    String web = name("web");
    String client = name("client");
    String other = name("other");
    docker.ok("run", "-d", "--name", web, "--network", front, "--network-alias", "www", "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", client, "--network", front, "--add-host", "foo:1.2.3.4",
        "--add-host", "gw:host-gateway", "--dns", "192.0.2.53", "--dns-option", "timeout:1",
        "--hostname", "cl", "--domainname", "example.org", "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", other, "--network", back, "busybox", "sleep", "600");
    String webIp = ip(web);
    String clientIp = ip(client);

    assertEquals("nameserver 127.0.0.11\noptions timeout:1 ndots:0\n",
        docker.ok("exec", client, "cat", "/etc/resolv.conf").out());
    String hosts = docker.ok("exec", client, "cat", "/etc/hosts").out();
    assertTrue(hosts.endsWith("1.2.3.4\tfoo\n" + NET + "1.1\tgw\n" + clientIp + "\tcl.example.org cl\n"), hosts);

    assertResolves(client, web, webIp);
    assertResolves(client, "www", webIp);
    docker.ok("exec", client, "ping", "-c1", "-W2", "www");
    assertNxdomain(other, web);
    assertNxdomain(other, "www");

    String webId = docker.ok("inspect", "-f", "{{.Id}}", web).out().strip();
    String clientId = docker.ok("inspect", "-f", "{{.Id}}", client).out().strip();
    node.killDaemon();
    // while no daemon runs, web loses its link and client its DNS redirect: the restart re-makes both
    assertEquals(0, host("ip", "link", "del", "wv" + webId.substring(0, 10) + "0"));
    assertEquals(0, host("ip", "netns", "exec", clientId, "iptables", "-t", "nat", "-F"));
    node.startDaemon();
    awaitResolution(client, web); // recovery re-applies the links and the redirect just after the start
    awaitResolution(web, client);
    assertResolves(client, web, webIp);
    assertResolves(web, client, clientIp);
    assertNxdomain(other, web);
    docker.ok("exec", client, "ping", "-c1", "-W2", web);
  }

  @Test
  void aContainerOnSeveralNetworksResolvesTheNamesOfEachAndALiveConnectAddsDns() throws Exception {
    String a = name("na");
    String b = name("nb");
    docker.ok("network", "create", "--subnet", NET + "4.0/24", a);
    docker.ok("network", "create", "--subnet", NET + "5.0/24", b);
    String onA = name("on-a");
    String onB = name("on-b");
    String both = name("both");
    String late = name("late");
    docker.ok("run", "-d", "--name", onA, "--network", a, "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", onB, "--network", b, "--network-alias", "bee", "busybox", "sleep", "600");
    docker.ok("create", "--name", both, "--network", a, "busybox", "sleep", "600");
    docker.ok("network", "connect", b, both);
    docker.ok("start", both);
    assertResolves(both, onA, ip(onA));
    assertResolves(both, "bee", ip(onB));
    String bothOnB = docker.ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + b + "\").IPAddress}}", both)
        .out().strip();
    assertTrue(bothOnB.startsWith(NET + "5."), bothOnB);
    assertResolves(onB, both, bothOnB);
    assertNxdomain(onA, onB);

    // a default-bridge container gets the embedded DNS when connected live to a user network
    docker.ok("run", "-d", "--name", late, "busybox", "sleep", "600");
    assertNotEquals("nameserver 127.0.0.11\noptions ndots:0\n", docker.ok("exec", late, "cat", "/etc/resolv.conf").out());
    docker.ok("network", "connect", b, late);
    assertEquals("nameserver 127.0.0.11\noptions ndots:0\n", docker.ok("exec", late, "cat", "/etc/resolv.conf").out());
    assertResolves(late, "bee", ip(onB));
    assertNxdomain(late, onA);
    docker.ok("network", "connect", a, late);
    assertResolves(late, onA, ip(onA));
    docker.ok("network", "disconnect", b, late);
    assertResolves(late, onA, ip(onA)); // the redirect moved to network a
    assertNxdomain(late, "bee");
  }

  @Test
  void defaultBridgeKeepsDirectResolversAndGetsTheUsersDns() throws Exception {
    Result r = docker.ok("run", "--rm", "--dns", "192.0.2.1", "--dns-search", "corp.example",
        "--add-host", "db:10.9.8.7", "busybox", "cat", "/etc/resolv.conf", "/etc/hosts");
    assertTrue(r.out().startsWith("search corp.example\nnameserver 192.0.2.1\n"), r.describe());
    assertTrue(r.out().contains("\n10.9.8.7\tdb\n"), r.describe());
    String insp = name("insp");
    docker.ok("create", "--name", insp, "--dns", "192.0.2.1", "--add-host", "db:10.9.8.7", "busybox", "true");
    assertEquals("[\"192.0.2.1\"] [\"db:10.9.8.7\"]",
        docker.ok("inspect", "-f", "{{json .HostConfig.Dns}} {{json .HostConfig.ExtraHosts}}", insp).out().strip());
  }

  @Test
  void eventsShowNetworkCreateConnectDisconnectDestroy() throws Exception {
    String since = Long.toString(Instant.now().getEpochSecond() - 1);
    String net = name("evnet");
    String id = docker.ok("network", "create", "--subnet", NET + "3.0/24", net).out().strip();
    String c = docker.ok("run", "-d", "--network", net, "busybox", "true").out().strip();
    docker.ok("wait", c);
    docker.ok("rm", c);
    docker.ok("network", "rm", net);
    String until = Long.toString(Instant.now().getEpochSecond() + 1);
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(20));
    String events;
    do {
      events = docker.ok("events", "--since", since, "--until", until, "--filter", "type=network",
          "--format", "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}")
          .out();
    } while (!events.contains("destroy") && System.nanoTime() < deadline);
    assertEquals("create " + id + " " + net + " <no value>\n"
        + "connect " + id + " " + net + " " + c + "\n"
        + "disconnect " + id + " " + net + " " + c + "\n"
        + "destroy " + id + " " + net + " <no value>\n", events);
  }

  /** Docker renames the endpoints: the new name resolves, the old one no longer; live connects edit /etc/hosts. */
  @Test
  void aRenamedContainerResolvesByItsNewNameAndALiveConnectAddsItsHostsLine() throws Exception {
    String net = name("nr");
    String net2 = name("nr2");
    docker.ok("network", "create", "--subnet", NET + "6.0/24", net);
    docker.ok("network", "create", "--subnet", NET + "7.0/24", net2);
    String old = name("old");
    String renamed = name("renamed");
    String client = name("client");
    docker.ok("run", "-d", "--name", old, "--network", net, "busybox", "sleep", "600");
    docker.ok("run", "-d", "--name", client, "--network", net, "busybox", "sleep", "600");
    awaitResolution(client, old);
    docker.ok("rename", old, renamed);
    assertResolves(client, renamed, ip(renamed));
    assertNxdomain(client, old);
    String names = docker.ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", net).out();
    assertTrue(names.contains(renamed + " ") && !names.contains(old + " "), names);

    String hostname = docker.ok("inspect", "-f", "{{.Config.Hostname}}", renamed).out().strip();
    String onNet = ip(renamed);
    docker.ok("network", "connect", net2, renamed);
    String onNet2 = docker.ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + net2 + "\").IPAddress}}",
        renamed).out().strip();
    String hosts = docker.ok("exec", renamed, "cat", "/etc/hosts").out();
    assertTrue(hosts.endsWith(onNet + "\t" + hostname + "\n" + onNet2 + "\t" + hostname + "\n"),
        hosts);
    docker.ok("network", "disconnect", net2, renamed);
    hosts = docker.ok("exec", renamed, "cat", "/etc/hosts").out();
    assertTrue(!hosts.contains(onNet2 + "\t") && hosts.contains("\t" + hostname + "\n"), hosts);
  }

  private static int host(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private void awaitResolution(String from, String name) throws Exception {
    long deadline = DaemonProcess.deadline(Duration.ofSeconds(30));
    while (docker.run("exec", from, "nslookup", name, "127.0.0.11").exit() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private void assertResolves(String from, String name, String ip) throws Exception {
    Result r = docker.run("exec", from, "nslookup", name, "127.0.0.11");
    assertEquals(0, r.exit(), r.describe());
    assertTrue(r.out().contains("Address: " + ip), r.describe());
  }

  private void assertNxdomain(String from, String name) throws Exception {
    Result r = docker.run("exec", from, "nslookup", name, "127.0.0.11");
    assertNotEquals(0, r.exit(), r.describe());
    assertTrue(r.out().contains("NXDOMAIN") || r.err().contains("NXDOMAIN"), r.describe());
  }
}
