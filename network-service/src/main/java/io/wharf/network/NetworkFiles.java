package io.wharf.network;

import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable copy of this member's network records, the one class that knows their paths:
 * {@code <root>/<networkId>/network.json} and {@code <root>/<networkId>/endpoints/<containerId>.json}
 * ({@code root} is {@code <dataRoot>/networks}). Every write is atomic (temporary file, fsync,
 * rename, fsync of the directory), so a crash leaves the old or the new record, never half of one.
 * Address allocations are not files of their own: they are the gateway and aux addresses of each
 * network and the address of each endpoint, rebuilt from these records at load. Blocking.
 */
public final class NetworkFiles {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkFiles.class);
  /** Ids become path segments: nothing that could name another directory. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final String NETWORK_FILE = "network.json";
  private static final String ENDPOINTS_DIR = "endpoints";

  private final Path root;

  public NetworkFiles(Path root) {
    this.root = root;
  }

  /** What {@link #load} found; unreadable files are skipped (and logged), never fatal. */
  public record Saved(List<NetworkRecord> networks, List<Endpoint> endpoints) {}

  public void saveNetwork(NetworkRecord n) {
    Path dir = networkDir(n.id());
    write(dir, NETWORK_FILE, Json.bytes(n), "network " + n.name());
  }

  /** Deletes the network's directory (its endpoints with it); absent is fine. */
  public void deleteNetwork(String networkId) {
    if (!isValidId(networkId)) {
      return; // no file can have that name
    }
    Path dir = networkDir(networkId);
    try {
      deleteTree(dir);
      fsyncDir(root);
    } catch (IOException e) {
      throw WharfException.internal("deleting network " + networkId + " from disk: " + e.getMessage(), e);
    }
  }

  public void saveEndpoint(Endpoint e) {
    Path dir = networkDir(e.networkId()).resolve(ENDPOINTS_DIR);
    write(dir, checkedId(e.containerId()) + ".json", Json.bytes(e),
        "endpoint of " + e.containerName() + " on network " + e.networkId());
  }

  /** Deletes one endpoint's file; absent is fine. */
  public void deleteEndpoint(String networkId, String containerId) {
    if (!isValidId(networkId) || !isValidId(containerId)) {
      return; // no file can have that name
    }
    Path dir = networkDir(networkId).resolve(ENDPOINTS_DIR);
    try {
      if (Files.deleteIfExists(dir.resolve(checkedId(containerId) + ".json"))) {
        fsyncDir(dir);
      }
    } catch (IOException e) {
      throw WharfException.internal("deleting endpoint of " + containerId + " on network " + networkId
          + " from disk: " + e.getMessage(), e);
    }
  }

  /** Every readable network and endpoint under the root; empty when the root does not exist. */
  public Saved load() {
    List<NetworkRecord> networks = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    for (Path dir : list(root)) {
      Path file = dir.resolve(NETWORK_FILE);
      NetworkRecord n = read(file, NetworkRecord.class);
      if (n == null || !n.id().equals(dir.getFileName().toString())) {
        LOG.warn("skipping {}: no readable network record for its directory", dir);
        continue;
      }
      networks.add(n);
      for (Path ep : list(dir.resolve(ENDPOINTS_DIR))) {
        Endpoint e = ep.getFileName().toString().endsWith(".json") ? read(ep, Endpoint.class) : null;
        if (e != null && e.networkId().equals(n.id())) {
          endpoints.add(e);
        } else if (!ep.getFileName().toString().endsWith(".tmp")) {
          LOG.warn("skipping unreadable endpoint file {}", ep);
        }
      }
    }
    return new Saved(networks, endpoints);
  }

  private Path networkDir(String networkId) {
    return root.resolve(checkedId(networkId));
  }

  private static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String checkedId(String id) {
    if (!isValidId(id)) {
      throw WharfException.invalid("invalid id for a network file: " + id);
    }
    return id;
  }

  private void write(Path dir, String name, byte[] bytes, String what) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(name + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDir(dir);
    } catch (IOException e) {
      throw WharfException.internal("saving " + what + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Makes a rename or delete in {@code dir} durable. */
  private static void fsyncDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return Files.isRegularFile(file) ? Json.read(Files.readAllBytes(file), type) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw WharfException.internal("reading " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
