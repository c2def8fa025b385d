package io.wharf.node.net.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.PublishedPorts.Published;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortRulesTest {
  private static final String ID = "c0ffee";

  @Test
  void dnatPerBindingAndOneMasqueradePairPerTarget() {
    List<PortRules.Rule> rules = PortRules.of(ID, "172.17.0.2", List.of(
        new Published("80/tcp", "0.0.0.0", 8080),
        new Published("80/tcp", "127.0.0.1", 8081),
        new Published("53/udp", "0.0.0.0", 5300)));
    List<String> text = rules.stream().map(r -> r.chain() + " " + String.join(" ", r.spec())).toList();
    String tag = "-m comment --comment wharf:" + ID;
    assertEquals(List.of(
        "WHARF-DNAT -p tcp -m tcp --dport 8080 " + tag + " -j DNAT --to-destination 172.17.0.2:80",
        "WHARF-POST -s 127.0.0.0/8 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 " + tag + " -j MASQUERADE",
        "WHARF-POST -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 " + tag + " -j MASQUERADE",
        "WHARF-DNAT -p tcp -d 127.0.0.1 -m tcp --dport 8081 " + tag + " -j DNAT --to-destination 172.17.0.2:80",
        "WHARF-DNAT -p udp -m udp --dport 5300 " + tag + " -j DNAT --to-destination 172.17.0.2:53",
        "WHARF-POST -s 127.0.0.0/8 -d 172.17.0.2/32 -p udp -m udp --dport 53 " + tag + " -j MASQUERADE",
        "WHARF-POST -s 172.17.0.2/32 -d 172.17.0.2/32 -p udp -m udp --dport 53 " + tag + " -j MASQUERADE"), text);
  }

  @Test
  void jumpsCoverExternalLocalAndOutgoingTraffic() {
    List<String> chains = PortRules.jumps().stream().map(PortRules.Rule::chain).toList();
    assertEquals(List.of("PREROUTING", "OUTPUT", "POSTROUTING"), chains);
    assertTrue(PortRules.jumps().get(0).spec().containsAll(List.of("--dst-type", "LOCAL")));
  }

  @Test
  void nothingPublishedNoRules() {
    assertEquals(List.of(), PortRules.of(ID, "172.17.0.2", List.of()));
  }
}
