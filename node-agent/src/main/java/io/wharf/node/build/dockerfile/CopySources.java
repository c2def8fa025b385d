package io.wharf.node.build.dockerfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves COPY/ADD sources inside a build context as Docker's classic builder does, and computes
 * the content checksum the build cache keys them by.
 *
 * <p>A source with a wildcard is matched ({@link FileGlob}) against every path of the context (not
 * following symlinks; a matched directory is not searched further). Any other source is one path
 * whose symlinks are followed with the context as {@code /} ({@link ScopedPath}). A source that climbs
 * out of the context ({@code ../x}) is refused. Blocking.
 */
public final class CopySources {
  private CopySources() {}

  /** {@link #resolve(Path, List, String)} for COPY. */
  public static List<CopySource> resolve(Path contextRoot, List<String> patterns) throws DockerfileException {
    return resolve(contextRoot, patterns, "COPY");
  }

  /**
   * @param keyword COPY or ADD, which starts the error messages as in Docker ("COPY failed: ...")
   * @throws DockerfileException "COPY failed: forbidden path outside the build context: ../x ()",
   *     "COPY failed: file not found in build context or excluded by .dockerignore: stat x: file does
   *     not exist", "COPY failed: no source files were specified" (a wildcard that matched nothing)
   */
  public static List<CopySource> resolve(Path contextRoot, List<String> patterns, String keyword)
      throws DockerfileException {
    List<CopySource> sources = new ArrayList<>();
    for (String pattern : patterns) {
      try {
        resolveOne(contextRoot, pattern, keyword, sources);
      } catch (IOException e) {
        throw new DockerfileException(keyword + " failed: " + pattern + ": " + e.getMessage());
      }
    }
    return sources;
  }

  private static void resolveOne(Path root, String pattern, String keyword, List<CopySource> out)
      throws IOException, DockerfileException {
    String relative = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    if (ScopedPath.escapes(relative)) {
      throw new DockerfileException(keyword + " failed: forbidden path outside the build context: " + pattern + " ()");
    }
    String clean = DockerIgnore.clean(relative);
    if (FileGlob.hasWildcards(clean)) {
      int before = out.size();
      walkMatches(root, root, "", FileGlob.compile(clean), pattern, out);
      if (out.size() == before) {
        throw new DockerfileException(keyword + " failed: no source files were specified");
      }
      return;
    }
    Path path = ScopedPath.resolve(root, clean);
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new DockerfileException(keyword + " failed: file not found in build context or excluded by"
          + " .dockerignore: stat " + clean + ": file does not exist");
    }
    out.add(new CopySource(pattern, path, clean));
  }

  private static void walkMatches(Path root, Path dir, String rel, Pattern glob, String pattern, List<CopySource> out)
      throws IOException {
    for (Path child : sortedChildren(dir)) {
      String childRel = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
      if (glob.matcher(childRel).matches()) {
        out.add(new CopySource(pattern, ScopedPath.resolve(root, childRel), childRel));
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        walkMatches(root, child, childRel, glob, pattern, out);
      }
    }
  }

  /**
   * "sha256:<hex>" over, for each source in order, its relPath and then every file under it (itself
   * for a file): relative name, type, permission bits, uid, gid, symlink target, content. Mtimes are
   * left out, so touching a file does not invalidate the cache; any content, mode or owner change does.
   */
  public static String checksum(List<CopySource> sources) throws IOException {
    MessageDigest digest = sha256();
    for (CopySource source : sources) {
      update(digest, "source\0" + source.relPath() + "\0");
      hashTree(digest, source.path(), "");
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static void hashTree(MessageDigest digest, Path path, String rel) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    char type = attrs.isDirectory() ? 'd' : attrs.isSymbolicLink() ? 'l' : attrs.isRegularFile() ? 'f' : 'o';
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object gid = Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    update(digest, rel + "\0" + type + "\0" + Integer.toOctalString(mode) + "\0" + uid + "\0" + gid + "\0");
    if (type == 'l') {
      update(digest, Files.readSymbolicLink(path) + "\0");
    } else if (type == 'f') {
      update(digest, attrs.size() + "\0");
      try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      }
    } else if (type == 'd') {
      for (Path child : sortedChildren(path)) {
        String name = child.getFileName().toString();
        hashTree(digest, child, rel.isEmpty() ? name : rel + "/" + name);
      }
    }
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      return list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
