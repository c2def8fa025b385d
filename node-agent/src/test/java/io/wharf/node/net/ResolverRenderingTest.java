package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.NameResolution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /etc/hosts and /etc/resolv.conf as Docker 20.10 writes them (see docker-wire-captures/68-run-env-user.txt). */
class ResolverRenderingTest {
  private static final String HOST = "# from DHCP\nsearch corp.example\nnameserver 127.0.0.53\nnameserver 10.0.0.53\n"
      + "options edns0\n";

  private static NameResolution names(List<String> dns, List<String> search, List<String> opts) {
    return new NameResolution(dns, search, opts, List.of(), List.of());
  }

  @Test
  void hostsHaveExtraHostsThenTheContainersOwnLine() {
    String hosts = EtcHosts.render("myhost", null, "172.17.0.2", List.of("foo:1.2.3.4", "gw:host-gateway",
        "v6=[::1]"), "172.17.0.1");
    assertEquals("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n"
        + "ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n"
        + "1.2.3.4\tfoo\n172.17.0.1\tgw\n::1\tv6\n172.17.0.2\tmyhost\n", hosts);
  }

  @Test
  void hostsWithADomainNameTheFqdnFirst() {
    assertTrue(EtcHosts.render("h", "example.org", "10.0.0.2", List.of(), null).endsWith("10.0.0.2\th.example.org h\n"));
    assertTrue(!EtcHosts.render("h", null, "127.0.1.1", List.of("gw:host-gateway"), null).contains("gw"));
  }

  @Test
  void embeddedDnsKeepsSearchAndAddsNdotsZero() {
    assertEquals("search corp.example\nnameserver 127.0.0.11\noptions edns0 ndots:0\n",
        ResolvConf.embedded(HOST, NameResolution.NONE));
    assertEquals("search a.b\nnameserver 127.0.0.11\noptions ndots:2\n",
        ResolvConf.embedded(HOST, names(List.of("9.9.9.9"), List.of("a.b"), List.of("ndots:2"))));
  }

  @Test
  void directCopiesTheHostFileWithoutLoopbackServers() {
    assertEquals("# from DHCP\nsearch corp.example\nnameserver 10.0.0.53\noptions edns0\n",
        ResolvConf.direct(HOST, NameResolution.NONE));
    assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", ResolvConf.direct("nameserver 127.0.0.53\n",
        NameResolution.NONE));
  }

  @Test
  void directWithUserSettingsTakesEachPartFromTheUserElseTheHost() {
    assertEquals("search corp.example\nnameserver 1.1.1.1\noptions edns0\n",
        ResolvConf.direct(HOST, names(List.of("1.1.1.1"), List.of(), List.of())));
    assertEquals("nameserver 10.0.0.53\noptions timeout:1\n",
        ResolvConf.direct(HOST, names(List.of(), List.of("."), List.of("timeout:1"))));
  }

  @Test
  void upstreamsAreTheContainersDnsElseTheHostsElseSystemdsRealOnes() {
    assertEquals(List.of("1.1.1.1"), ResolvConf.upstreams(names(List.of("1.1.1.1"), List.of(), List.of()), HOST, null));
    assertEquals(List.of("127.0.0.53", "10.0.0.53"), ResolvConf.upstreams(NameResolution.NONE, HOST, null));
    assertEquals(List.of("192.0.2.1"), ResolvConf.upstreams(NameResolution.NONE, "nameserver 127.0.0.53\n",
        "nameserver 192.0.2.1\n"));
    assertEquals(List.of("127.0.0.53"), ResolvConf.upstreams(NameResolution.NONE, "nameserver 127.0.0.53\n", null));
  }

  @Test
  void redirectRulesDnatBothProtocolsAndSnatTheLoopbackSource() {
    String rules = DnsRedirect.rules("10.5.0.1", "10.5.0.2");
    assertTrue(rules.startsWith("*nat\n") && rules.endsWith("COMMIT\n"));
    assertTrue(rules.contains("-A OUTPUT -d 127.0.0.11/32 -p udp --dport 53 -j DNAT --to-destination 10.5.0.1:53\n"));
    assertTrue(rules.contains("-A OUTPUT -d 127.0.0.11/32 -p tcp --dport 53 -j DNAT --to-destination 10.5.0.1:53\n"));
    assertTrue(rules.contains("-A POSTROUTING -s 127.0.0.0/8 -d 10.5.0.1/32 -p udp --dport 53 -j SNAT --to-source 10.5.0.2\n"));
  }
}
