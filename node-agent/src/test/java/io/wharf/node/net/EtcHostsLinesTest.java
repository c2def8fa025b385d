package io.wharf.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines a live connect adds to /etc/hosts and a disconnect takes out. */
class EtcHostsLinesTest {
  private static final String START = EtcHosts.render("web", "", "172.17.0.2", List.of(), null);

  @Test
  void selfLineNamesTheFqdnThenTheHostname() {
    assertEquals("10.1.0.5\tweb\n", EtcHosts.selfLine("web", null, "10.1.0.5"));
    assertEquals("10.1.0.5\tweb.corp web\n", EtcHosts.selfLine("web", "corp", "10.1.0.5"));
  }

  @Test
  void connectAppendsOnceAndDisconnectRemovesOnlyThatLine() {
    String line = EtcHosts.selfLine("web", "", "10.1.0.5");
    String connected = EtcHosts.withLine(START, line);
    assertEquals(START + "10.1.0.5\tweb\n", connected);
    assertEquals(connected, EtcHosts.withLine(connected, line));
    assertEquals(START, EtcHosts.withoutLine(connected, line));
    assertEquals(START, EtcHosts.withoutLine(START, line));
  }

  @Test
  void keepsLinesTheUserAddedAndMendsAMissingNewline() {
    String edited = START + "1.2.3.4\tmine";
    String line = EtcHosts.selfLine("web", "", "10.1.0.5");
    assertEquals(START + "1.2.3.4\tmine\n10.1.0.5\tweb\n", EtcHosts.withLine(edited, line));
    assertEquals(START + "1.2.3.4\tmine\n", EtcHosts.withoutLine(EtcHosts.withLine(edited, line), line));
    // a line that only starts with the address is not ours
    assertEquals(START + "10.1.0.5\tweb other\n",
        EtcHosts.withoutLine(START + "10.1.0.5\tweb other\n", line));
  }
}
