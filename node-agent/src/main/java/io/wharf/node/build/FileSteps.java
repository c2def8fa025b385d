package io.wharf.node.build;

import io.wharf.api.WharfException;
import io.wharf.api.image.ImageDetails;
import io.wharf.node.build.dockerfile.CopySource;
import io.wharf.node.build.dockerfile.CopySources;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.Instruction;
import io.wharf.node.build.dockerfile.WordExpander;
import io.wharf.node.files.ScopedPath;
import io.wharf.node.runtime.ResolvedUser;
import io.wharf.node.runtime.UserResolver;
import io.wharf.node.snapshot.ArchiveExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COPY and ADD. {@link #plan} resolves everything the step's result depends on without touching
 * an image (the sources and their checksum, the destination, --from, --chown, --chmod) and
 * yields the history text Docker records ({@code /bin/sh -c #(nop) COPY file:<sum> in /app }),
 * which is the cache key input. {@link #apply} then writes the files into an overlay of the parent
 * through a tar ({@link CopyTar}) and the safe {@link ArchiveExtractor}, so no symlink in the image
 * can redirect a write outside it. Blocking.
 */
final class FileSteps {
  /**
   * @param fromImage the image COPY --from reads (null: the build context)
   * @param sources the patterns as written (for --from) or resolved in the context
   * @param urls ADD sources that are http(s) URLs, downloaded (into the build's directory)
   * @param dest absolute destination; a trailing "/" means "into this directory"
   */
  record Plan(Instruction in, String fromImage, List<String> patterns, List<CopySource> sources,
      List<UrlSource.Download> urls,
      String dest, String chown, Integer chmod, String createdBy) {}

  private final BuildImages images;
  private final BuildWorkspace workspace;
  private final Path contextRoot;

  FileSteps(BuildImages images, BuildWorkspace workspace, Path contextRoot) {
    this.images = images;
    this.workspace = workspace;
    this.contextRoot = contextRoot;
  }

  Plan plan(Instruction in, StepRunner.State state, Map<String, String> env, char escape, Map<String, String> byName,
      Map<Integer, String> built) throws BuildFailure, DockerfileException {
    List<String> words = WordExpander.expandWords(in.args(), env, escape);
    if (words.size() < 2) {
      throw new BuildFailure(in.keyword() + " requires at least two arguments, but only one was provided. "
          + "Destination could not be determined.");
    }
    List<String> patterns = new ArrayList<>(words.subList(0, words.size() - 1));
    String rawDest = words.get(words.size() - 1);
    String dest = RootfsPaths.absolute(rawDest, state.doc().workingDir()) + (rawDest.endsWith("/") && !rawDest.equals("/") ? "/" : "");
    Integer chmod = chmod(in.flag("chmod"));
    String chown = in.flag("chown");
    boolean add = in.keyword().equals("ADD");
    List<String> urls = new ArrayList<>();
    if (add) {
      patterns.removeIf(p -> isUrl(p) && urls.add(p));
    }
    String from = in.flag("from");
    String fromImage = from == null ? null : fromImage(from, byName, built);
    List<CopySource> sources = List.of();
    String sum;
    if (fromImage != null) {
      sum = "from:" + fromImage + ":" + String.join(",", patterns);
    } else {
      sources = patterns.isEmpty() ? List.of() : CopySources.resolve(contextRoot, patterns, in.keyword());
      try {
        sum = (sources.size() == 1 && !Files.isDirectory(sources.get(0).path()) ? "file:" : "dir:")
            + CopySources.checksum(sources).replaceFirst("^sha256:", "");
      } catch (IOException e) {
        throw new BuildFailure(in.keyword() + " failed: " + e.getMessage());
      }
    }
    List<UrlSource.Download> downloads = new ArrayList<>();
    for (String url : urls) {
      try {
        downloads.add(UrlSource.fetch(url, contextRoot.getParent()));
      } catch (IOException e) {
        throw new BuildFailure("ADD failed: " + url + ": " + e.getMessage());
      }
    }
    if (!downloads.isEmpty()) {
      sum += " url:" + String.join(",", downloads.stream().map(d -> d.url() + "@" + d.sha256()).toList());
    }
    int count = sources.size() + urls.size() + (fromImage == null ? 0 : patterns.size());
    if (count > 1 && !dest.endsWith("/")) {
      throw new BuildFailure("When using " + in.keyword() + " with more than one source file, the destination "
          + "must be a directory and end with a /");
    }
    String createdBy = ConfigInstructions.NOP + in.keyword() + (chown == null ? "" : " --chown=" + chown)
        + (chmod == null ? "" : " --chmod=" + Integer.toOctalString(chmod)) + " " + sum + " in " + dest + " ";
    return new Plan(in, fromImage, patterns, sources, downloads, dest, chown, chmod, createdBy);
  }

  Path apply(Plan plan, ImageDetails parent) throws BuildFailure {
    if (plan.fromImage() == null) {
      return workspace.change(parent, rootfs -> write(plan, rootfs, plan.sources()));
    }
    ImageDetails source = images.inspect(plan.fromImage());
    return workspace.read(source, srcRoot -> {
      List<CopySource> resolved;
      try {
        resolved = CopySources.resolve(srcRoot, plan.patterns().stream().map(RootfsPaths::relative).toList(),
            plan.in().keyword());
      } catch (DockerfileException e) {
        throw new BuildFailure(e.getMessage());
      }
      return workspace.change(parent, rootfs -> write(plan, rootfs, resolved));
    });
  }

  private void write(Plan plan, Path rootfs, List<CopySource> sources) throws IOException, BuildFailure {
    long[] owner = owner(plan.chown(), rootfs);
    boolean intoDir = plan.dest().endsWith("/") || isDirectory(rootfs, plan.dest())
        || sources.size() == 1 && Files.isDirectory(sources.get(0).path(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    String targetDir = intoDir ? plan.dest() : RootfsPaths.parentOf(plan.dest());
    Map<Path, java.nio.file.attribute.FileTime> existingDirs = RootfsPaths.dirTimes(rootfs, targetDir);
    Path target = RootfsPaths.mkdirs(rootfs, targetDir);
    String singleName = intoDir ? null : ScopedPath.baseName(plan.dest());
    boolean add = plan.in().keyword().equals("ADD");
    List<Path> archives = new ArrayList<>();
    Path scratch = Files.createTempFile(contextRoot.getParent(), "copy-", ".tar");
    try {
      try (CopyTar tar = new CopyTar(Files.newOutputStream(scratch))) {
        for (CopySource s : sources) {
          if (add && Archives.isArchive(s.path())) {
            archives.add(s.path());
          } else {
            tar.add(s.path(), singleName != null ? singleName : nameOf(s), owner, plan.chmod());
          }
        }
        for (UrlSource.Download d : plan.urls()) {
          tar.addFile(d.file(), singleName != null ? singleName : UrlSource.fileName(d.url()), owner, plan.chmod(),
              d.mtimeMillis());
        }
      }
      try (InputStream in = Files.newInputStream(scratch)) {
        new ArchiveExtractor().extract(in, target, false, true);
      }
      for (Path archive : archives) {
        try (InputStream in = Archives.open(archive)) {
          new ArchiveExtractor().extract(in, target, false, true);
        }
      }
      java.nio.file.attribute.FileTime newest = newestSource(sources);
      for (Path d : RootfsPaths.dirTimes(rootfs, targetDir).keySet()) {
        // no build time leaks into the layer: the image's dirs keep theirs, new ones take the sources'
        Files.setLastModifiedTime(d, existingDirs.getOrDefault(d, newest));
      }
    } catch (WharfException e) {
      throw new BuildFailure(plan.in().keyword() + " failed: " + e.getMessage());
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  /** Where a source lands inside the destination directory: a directory's contents go in directly. */
  private static String nameOf(CopySource s) {
    if (Files.isDirectory(s.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return ".";
    }
    return s.path().getFileName().toString();
  }

  private static boolean isDirectory(Path rootfs, String dest) {
    try {
      return Files.isDirectory(new ScopedPath(rootfs).resolveAll(dest));
    } catch (WharfException e) {
      return false;
    }
  }

  /** The newest mtime (whole seconds) among the sources; the epoch when there are none (URLs only). */
  private static java.nio.file.attribute.FileTime newestSource(List<CopySource> sources) throws IOException {
    long newest = 0;
    for (CopySource s : sources) {
      newest = Math.max(newest, Files.getLastModifiedTime(s.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis());
    }
    return java.nio.file.attribute.FileTime.fromMillis(newest / 1000 * 1000);
  }

  private String fromImage(String from, Map<String, String> byName, Map<Integer, String> built) throws BuildFailure {
    String lower = from.toLowerCase(Locale.ROOT);
    if (byName.containsKey(lower)) {
      return byName.get(lower);
    }
    if (lower.matches("[0-9]{1,9}")) {
      String id = built.get(Integer.parseInt(lower));
      if (id == null) {
        throw new BuildFailure("invalid from flag value " + from + ": refers to current build stage or a later one");
      }
      return id;
    }
    try {
      return images.inspect(from).summary().id();
    } catch (WharfException e) {
      throw new BuildFailure("invalid from flag value " + from + ": no build stage or image with that name: "
          + e.getMessage());
    }
  }

  private static long[] owner(String chown, Path rootfs) throws BuildFailure {
    if (chown == null || chown.isEmpty()) {
      return new long[] {0, 0};
    }
    try {
      ResolvedUser u = UserResolver.forRootfs(rootfs).resolve(chown);
      // "--chown=user" without a group: the GID is the UID, as Docker documents
      return new long[] {u.uid(), chown.contains(":") ? u.gid() : u.uid()};
    } catch (WharfException e) {
      throw new BuildFailure("unable to convert uid/gid chown string to host mapping: " + e.getMessage());
    }
  }

  private static Integer chmod(String flag) throws BuildFailure {
    if (flag == null || flag.isEmpty()) {
      return null;
    }
    try {
      int mode = Integer.parseInt(flag, 8);
      if (mode < 0 || mode > 07777) {
        throw new NumberFormatException();
      }
      return mode;
    } catch (NumberFormatException e) {
      throw new BuildFailure("invalid chmod parameter: " + flag);
    }
  }

  static boolean isUrl(String s) {
    return s.startsWith("http://") || s.startsWith("https://");
  }
}
