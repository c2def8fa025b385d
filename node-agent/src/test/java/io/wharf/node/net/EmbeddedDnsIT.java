package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import io.wharf.node.nativeio.Privileged;
import io.wharf.node.runtime.HostCommand;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS on a real bridge and namespace (root, ip, iptables, busybox): a namespace
 * linked by {@link LinkApplier} with the {@link DnsRedirect} asks 127.0.0.11 and gets the names
 * and aliases of its network from {@link EmbeddedDns}, NXDOMAIN for another network's; the
 * responder also answers over TCP. Bridge, namespace and rules are unique per run and removed.
 */
class EmbeddedDnsIT {
  private static final long PID = ProcessHandle.current().pid();
  private static final String PREFIX = "10." + (200 + PID % 50) + "." + (PID % 250) + ".";
  private static final String GATEWAY = PREFIX + "1";
  private final HostNet net = new HostNet();
  private final LinkApplier applier = new LinkApplier(net);
  private final LinkPlan plan = new LinkPlan("wharf-dnsit-" + PID, "whdns" + PID % 100000, GATEWAY + "/24",
      PREFIX + "0/24", true, "wvdnsit" + PID % 100000, "eth0", PREFIX + "2/24", "02:42:0a:00:00:02", GATEWAY);
  private Vertx vertx;
  private EmbeddedDns dns;

  @BeforeEach
  void setUp() throws Exception {
    Privileged.requireRoot();
    boolean tools = Files.isExecutable(Path.of("/bin/busybox")) && net.tryRun("iptables", "-w", "-S", "FORWARD");
    if (!tools && "true".equals(System.getenv("CI"))) {
      fail("needs /bin/busybox and iptables (CI=true)");
    }
    assumeTrue(tools, "needs /bin/busybox and iptables");
    vertx = Vertx.vertx();
    var endpoints = vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.NETWORK_ENDPOINTS)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (Endpoint e : List.of(
        new Endpoint("e1", "n1", "aaaaaaaaaaaa0001", "asker", PREFIX + "2", 24, GATEWAY, "m", List.of()),
        new Endpoint("e2", "n1", "bbbbbbbbbbbb0002", "web", PREFIX + "3", 24, GATEWAY, "m", List.of("www")),
        new Endpoint("e3", "n2", "cccccccccccc0003", "hidden", "10.9.9.9", 24, "10.9.9.1", "m", List.of()))) {
      endpoints.put(e.networkId() + "/" + e.containerId(), Json.string(e))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    applier.attach(plan);
    new DnsRedirect(net).install(plan.netns(), plan.ifName(), GATEWAY, PREFIX + "2");
    dns = new EmbeddedDns(vertx, List.of());
    dns.serve(GATEWAY, "n1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (dns != null) {
      dns.stop(GATEWAY);
    }
    if (vertx != null) {
      applier.detach(plan.netns(), plan);
      applier.removeBridgeIfUnused(plan);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private HostCommand.Result nslookup(String name) {
    return HostCommand.run(List.of("ip", "netns", "exec", plan.netns(), "/bin/busybox", "nslookup", name,
        ResolvConf.EMBEDDED_DNS), 20_000);
  }

  @Test
  void theNamespaceResolvesItsNetworkAt127_0_0_11() {
    HostCommand.Result web = nslookup("web");
    assertEquals(0, web.exitCode(), web.stdout() + web.stderr());
    assertTrue(web.stdout().contains("Address: " + PREFIX + "3"), web.stdout());
    assertTrue(nslookup("WWW").stdout().contains("Address: " + PREFIX + "3"));
    assertTrue(nslookup("bbbbbbbbbbbb").stdout().contains("Address: " + PREFIX + "3"));
    HostCommand.Result hidden = nslookup("hidden");
    assertNotEquals(0, hidden.exitCode());
    assertTrue((hidden.stdout() + hidden.stderr()).contains("NXDOMAIN"), hidden.stdout() + hidden.stderr());
  }

  @Test
  void answersOverTcpToo() throws Exception {
    byte[] query = DnsMessage.query(0x4242, "www", DnsMessage.TYPE_A);
    try (Socket s = new Socket(GATEWAY, 53)) {
      s.setSoTimeout(5_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      assertEquals(0x42, reply[0]);
      assertEquals(1, reply[7]);
      assertEquals(3, reply[reply.length - 1]);
    }
  }
}
