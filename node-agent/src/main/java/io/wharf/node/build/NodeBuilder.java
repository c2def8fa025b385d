package io.wharf.node.build;

import io.wharf.api.WharfException;
import io.wharf.node.FileTrees;
import io.wharf.node.build.dockerfile.BuildContext;
import io.wharf.node.build.dockerfile.Dockerfile;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.DockerfileParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The node's builder: receives a build context, parses its Dockerfile, runs the classic build and
 * cleans up. In two halves because Docker reports a bad context or Dockerfile as a plain HTTP
 * error ({@link #prepare}), and everything after as the JSON message stream ({@link #run}).
 * Each build gets a private directory under {@code <data root>/build-tmp} (purged at start).
 * Blocking: call from a worker thread.
 */
public final class NodeBuilder {
  /** A received context and its parsed Dockerfile; {@link #close} deletes the context. */
  public record Prepared(Path dir, BuildContext context, Dockerfile dockerfile) implements AutoCloseable {
    @Override
    public void close() {
      FileTrees.deleteRecursively(dir);
    }
  }

  private final BuildImages images;
  private final BuildWorkspace workspace;
  private final BuildCache cache;
  private final Path tmp;

  public NodeBuilder(BuildImages images, BuildWorkspace workspace, Path dataRoot) {
    this.images = images;
    this.workspace = workspace;
    this.tmp = dataRoot.resolve("build-tmp");
    this.cache = BuildCache.open(dataRoot.resolve("build-cache.json"));
    FileTrees.deleteRecursively(tmp);
  }

  /**
   * Unpacks the context tar (plain or gzip) and parses the Dockerfile.
   *
   * @throws WharfException INVALID_ARGUMENT for a bad context or Dockerfile (Docker's wording)
   */
  public Prepared prepare(InputStream contextTar, BuildOptions options) {
    Path dir = tmp.resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(dir);
      BuildContext context = BuildContext.unpack(contextTar, dir.resolve("context"));
      Dockerfile df = DockerfileParser.parse(context.readDockerfile(options.dockerfile()), options.dockerfile());
      return new Prepared(dir, context, df);
    } catch (DockerfileException e) {
      FileTrees.deleteRecursively(dir);
      throw WharfException.invalid(e.getMessage());
    } catch (IOException e) {
      FileTrees.deleteRecursively(dir);
      throw WharfException.invalid("cannot read the build context: " + e.getMessage());
    } catch (RuntimeException e) {
      FileTrees.deleteRecursively(dir);
      throw e;
    }
  }

  /** Runs the build; every outcome (the image, or the failure) is reported on {@code messages}. */
  public void run(Prepared p, BuildOptions options, BuildMessages messages) {
    try {
      new ClassicBuild(images, workspace, cache, options, p.context().root(), messages).build(p.dockerfile());
    } catch (BuildFailure e) {
      messages.error(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      messages.error(0, WharfException.of(e).getMessage());
    }
  }
}
