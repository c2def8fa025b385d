package io.wharf.node.build.dockerfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The build context of one build, unpacked into its own directory (see {@link ContextExtractor} for
 * the safety rules) with its {@code .dockerignore} applied: excluded files are removed, so COPY and
 * ADD cannot see them, and a directory that was excluded stays only if an exception ({@code !x})
 * kept something inside it. Like Docker, the builder can still <em>read</em> the Dockerfile and the
 * {@code .dockerignore} when they are excluded: excluded files small enough are kept in memory for
 * {@link #readDockerfile} only. The caller owns the directory and deletes it after the build.
 */
public final class BuildContext {
  static final String IGNORE_FILE = ".dockerignore";
  private static final long HIDDEN_FILE_LIMIT = 1 << 20;
  private static final long HIDDEN_TOTAL_LIMIT = 8 << 20;

  private final Path root;
  private final DockerIgnore ignore;
  private final Map<String, byte[]> hidden;

  private BuildContext(Path root, DockerIgnore ignore, Map<String, byte[]> hidden) {
    this.root = root;
    this.ignore = ignore;
    this.hidden = hidden;
  }

  /**
   * Unpacks {@code tar} into {@code dir} (created if missing; it should be empty).
   *
   * @throws DockerfileException for an unsafe or unsupported entry (the message names it)
   * @throws IOException when the stream is not a readable tar or writing fails
   */
  public static BuildContext unpack(InputStream tar, Path dir) throws IOException, DockerfileException {
    Files.createDirectories(dir);
    ContextExtractor extractor = new ContextExtractor(dir);
    extractor.extract(tar);
    Path ignoreFile = dir.resolve(IGNORE_FILE);
    DockerIgnore ignore = Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)
        ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8))
        : DockerIgnore.none();
    Map<String, byte[]> hidden = new HashMap<>();
    if (!ignore.isEmpty()) {
      new Pruner(dir, ignore, hidden).prune(dir, "");
    }
    extractor.finish();
    return new BuildContext(dir, ignore, hidden);
  }

  public Path root() {
    return root;
  }

  public DockerIgnore ignore() {
    return ignore;
  }

  /**
   * The Dockerfile at {@code path} (relative to the context, {@code -f}; empty means "Dockerfile", for
   * which "dockerfile" is tried too, as Docker does). Symlinks are followed inside the context.
   *
   * @throws DockerfileException "Cannot locate specified Dockerfile: path" when it is missing, a
   *     directory or outside the context
   */
  public String readDockerfile(String path) throws DockerfileException {
    String wanted = path == null || path.isBlank() ? "Dockerfile" : path;
    String clean = DockerIgnore.clean(wanted);
    byte[] bytes = read(clean);
    if (bytes == null && clean.equals("Dockerfile")) {
      bytes = read("dockerfile");
    }
    if (bytes == null || ScopedPath.escapes(wanted.startsWith("/") ? wanted.substring(1) : wanted)) {
      throw new DockerfileException("Cannot locate specified Dockerfile: " + wanted);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private byte[] read(String clean) {
    if (hidden.containsKey(clean)) {
      return hidden.get(clean);
    }
    try {
      Path file = ScopedPath.resolve(root, clean);
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Removes what the ignore rules exclude, keeping small excluded files readable in memory. */
  private record Pruner(Path root, DockerIgnore ignore, Map<String, byte[]> hidden) {
    /** Returns true when {@code dir} is now empty. */
    boolean prune(Path dir, String rel) throws IOException {
      List<Path> children;
      try (var list = Files.list(dir)) {
        children = list.toList();
      }
      boolean empty = true;
      for (Path child : children) {
        String childRel = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
        BasicFileAttributes attrs = ContextExtractor.lstat(child);
        boolean excluded = ignore.excluded(childRel);
        if (attrs.isDirectory()) {
          boolean nowEmpty = prune(child, childRel);
          if (excluded && nowEmpty) {
            Files.delete(child);
            continue;
          }
        } else if (excluded) {
          remember(childRel, child, attrs);
          Files.delete(child);
          continue;
        }
        empty = false;
      }
      return empty;
    }

    private void remember(String rel, Path file, BasicFileAttributes attrs) throws IOException {
      long used = hidden.values().stream().mapToLong(b -> b.length).sum();
      if (attrs.isRegularFile() && attrs.size() <= HIDDEN_FILE_LIMIT && used + attrs.size() <= HIDDEN_TOTAL_LIMIT) {
        hidden.put(rel, Files.readAllBytes(file));
      }
    }
  }
}
