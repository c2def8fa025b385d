package io.wharf.network;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A durable copy of the networks and endpoints the cluster maps hold, under
 * {@code <dataRoot>/networks/}: the maps live only as long as some cluster member does, so a
 * one-node daemon would forget every user network (and the addresses of containers that keep
 * running) at a restart. {@link NetworkStore} writes through; {@link NetworkRestore} reads it back
 * at start. One JSON file per object, replaced atomically; file I/O on worker threads.
 */
public final class NetworkDisk {
  private final Vertx vertx;
  private final Path dir;

  public NetworkDisk(Vertx vertx, Path dataRoot) {
    this.vertx = vertx;
    this.dir = dataRoot.resolve("networks");
  }

  private static String endpointFile(String networkId, String containerId) {
    return "ep-" + networkId + "-" + containerId + ".json";
  }

  Future<Void> saveNetwork(NetworkRecord n) {
    return write("net-" + n.id() + ".json", Json.string(n));
  }

  Future<Void> deleteNetwork(String id) {
    return blocking(() -> {
      try (Stream<Path> files = list()) {
        for (Path f : files.filter(f -> f.getFileName().toString().equals("net-" + id + ".json")
            || f.getFileName().toString().startsWith("ep-" + id + "-")).toList()) {
          Files.deleteIfExists(f);
        }
      }
    });
  }

  Future<Void> saveEndpoint(Endpoint e) {
    return write(endpointFile(e.networkId(), e.containerId()), Json.string(e));
  }

  Future<Void> deleteEndpoint(String networkId, String containerId) {
    return blocking(() -> Files.deleteIfExists(dir.resolve(endpointFile(networkId, containerId))));
  }

  Future<List<NetworkRecord>> networks() {
    return read("net-", NetworkRecord.class);
  }

  Future<List<Endpoint>> endpoints() {
    return read("ep-", Endpoint.class);
  }

  private <T> Future<List<T>> read(String prefix, Class<T> type) {
    return vertx.executeBlocking(() -> {
      List<T> out = new ArrayList<>();
      try (Stream<Path> files = list()) {
        for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
          out.add(Json.read(Files.readString(f, StandardCharsets.UTF_8), type));
        }
      }
      return out;
    }, false);
  }

  private Stream<Path> list() throws IOException {
    return Files.isDirectory(dir) ? Files.list(dir).filter(f -> f.toString().endsWith(".json")) : Stream.empty();
  }

  private Future<Void> write(String name, String json) {
    return blocking(() -> {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    });
  }

  private interface IoWork {
    void run() throws IOException;
  }

  private Future<Void> blocking(IoWork work) {
    return vertx.<Void>executeBlocking(() -> {
      try {
        work.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }, false);
  }
}
