package io.wharf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.IpamPool;
import io.wharf.api.network.NetworkRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk layout, round trips, deletes and bad input of {@link NetworkFiles}. */
class NetworkFilesTest {
  private static final String NET = "a".repeat(64);
  private static final String CTR = "c".repeat(64);

  @TempDir
  Path dir;

  private static NetworkRecord network(String id, String name) {
    return new NetworkRecord(id, name, "bridge", "2026-01-01T00:00:00Z", false, false, Map.of("k", "v"), Map.of(),
        List.of(new IpamPool("10.9.0.0/24", "10.9.0.1", null, Map.of("aux", "10.9.0.5"))));
  }

  private static Endpoint endpoint(String net, String ctr, String ip) {
    return new Endpoint("e".repeat(64), net, ctr, "web", ip, 24, "10.9.0.1", "02:42:0a:09:00:02", List.of("w"));
  }

  @Test
  void savesAndLoadsNetworksWithTheirEndpoints() {
    NetworkFiles files = new NetworkFiles(dir.resolve("networks"));
    assertEquals(new NetworkFiles.Saved(List.of(), List.of()), files.load());
    files.saveNetwork(network(NET, "n1"));
    files.saveEndpoint(endpoint(NET, CTR, "10.9.0.2"));
    assertTrue(Files.isRegularFile(dir.resolve("networks").resolve(NET).resolve("network.json")));
    assertTrue(Files.isRegularFile(dir.resolve("networks").resolve(NET).resolve("endpoints").resolve(CTR + ".json")));
    NetworkFiles.Saved saved = new NetworkFiles(dir.resolve("networks")).load();
    assertEquals(List.of(network(NET, "n1")), saved.networks());
    assertEquals(List.of(endpoint(NET, CTR, "10.9.0.2")), saved.endpoints());
  }

  @Test
  void rewritesInPlaceAndLeavesNoTemporaryFile() throws Exception {
    NetworkFiles files = new NetworkFiles(dir);
    files.saveNetwork(network(NET, "n1"));
    files.saveEndpoint(endpoint(NET, CTR, "10.9.0.2"));
    files.saveEndpoint(endpoint(NET, CTR, "10.9.0.3"));
    assertEquals("10.9.0.3", files.load().endpoints().get(0).ipv4());
    try (var s = Files.walk(dir)) {
      assertFalse(s.anyMatch(p -> p.toString().endsWith(".tmp")));
    }
  }

  @Test
  void deletesEndpointsAndNetworksAbsentOrNot() {
    NetworkFiles files = new NetworkFiles(dir);
    files.saveNetwork(network(NET, "n1"));
    files.saveEndpoint(endpoint(NET, CTR, "10.9.0.2"));
    files.deleteEndpoint(NET, CTR);
    files.deleteEndpoint(NET, CTR);
    assertEquals(List.of(), files.load().endpoints());
    files.saveEndpoint(endpoint(NET, CTR, "10.9.0.2"));
    files.deleteNetwork(NET);
    files.deleteNetwork(NET);
    assertEquals(new NetworkFiles.Saved(List.of(), List.of()), files.load());
    assertFalse(Files.exists(dir.resolve(NET)));
  }

  @Test
  void skipsUnreadableAndMisplacedRecords() throws Exception {
    NetworkFiles files = new NetworkFiles(dir);
    files.saveNetwork(network(NET, "good"));
    Files.createDirectories(dir.resolve(NET).resolve("endpoints"));
    Files.writeString(dir.resolve(NET).resolve("endpoints").resolve(CTR + ".json"), "{not json");
    Files.createDirectories(dir.resolve("b".repeat(64)));
    Files.writeString(dir.resolve("b".repeat(64)).resolve("network.json"), "garbage");
    Files.createDirectories(dir.resolve("d".repeat(64)));
    Files.write(dir.resolve("d".repeat(64)).resolve("network.json"), io.wharf.api.Json.bytes(network(NET, "copy")));
    NetworkFiles.Saved saved = files.load();
    assertEquals(List.of("good"), saved.networks().stream().map(NetworkRecord::name).toList());
    assertEquals(List.of(), saved.endpoints());
  }

  @Test
  void refusesIdsThatWouldEscapeTheRoot() {
    NetworkFiles files = new NetworkFiles(dir.resolve("networks"));
    for (String bad : new String[] {"..", "../x", "a/b", "", ".hidden"}) {
      WharfException e = assertThrows(WharfException.class, () -> files.saveNetwork(network(bad, "x")), bad);
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
      files.deleteNetwork(bad);
      files.deleteEndpoint(NET, bad);
    }
    assertThrows(WharfException.class, () -> files.saveEndpoint(endpoint(NET, "../../etc", "10.9.0.2")));
    assertFalse(Files.exists(dir.resolve("etc.json")));
  }

  @Test
  void aWriteThatCannotHappenFails() throws Exception {
    Files.writeString(dir.resolve("networks"), "a file where the directory should be");
    WharfException e = assertThrows(WharfException.class,
        () -> new NetworkFiles(dir.resolve("networks")).saveNetwork(network(NET, "n1")));
    assertEquals(ErrorCategory.INTERNAL, e.category());
    assertTrue(e.getMessage().startsWith("saving network n1 to "), e.getMessage());
  }
}
