package io.wharf.node.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A unique directory under the build dir holding {@code root/} (the unpack target) and
 * {@code outside/} (with one file, {@code passwd}), so a test can prove nothing escaped the root.
 */
final class Sandbox implements AutoCloseable {
  final Path dir;
  final Path root;
  final Path outside;

  Sandbox(String prefix) throws IOException {
    Path base = Path.of(System.getenv().getOrDefault("WHARF_TEST_ROOT", "target")).toAbsolutePath();
    dir = Files.createDirectories(base.resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)));
    root = Files.createDirectory(dir.resolve("root"));
    outside = Files.createDirectory(dir.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "original");
  }

  /** Every path in the sandbox outside {@code root/}, relative to the sandbox, sorted. */
  List<String> everythingOutsideRoot() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.startsWith(root) && !p.equals(dir))
          .map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  String outsidePasswd() throws IOException {
    return Files.readString(outside.resolve("passwd"));
  }

  @Override
  public void close() throws IOException {
    TreeRemoval.removeIfPresent(dir);
  }
}
