package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Build --add-host lines become ExtraHosts entries the node's /etc/hosts writer understands. */
class BuildHostEntriesTest {
  @Test
  void linesBecomeNameEqualsIpEntries() {
    assertEquals(List.of("db=10.1.2.3", "v6=fd00::1"),
        NodeBuildWorkspace.hostEntries(List.of("10.1.2.3\tdb", "fd00::1\tv6")));
    assertEquals(List.of(), NodeBuildWorkspace.hostEntries(List.of()));
  }
}
