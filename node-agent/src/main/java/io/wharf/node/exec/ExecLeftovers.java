package io.wharf.node.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exec dirs left by an agent that died: the exec table lived in its memory, so nobody will ever
 * release, read or delete them. At start-up (before any new exec) this removes the dirs of execs
 * that ended, and kills the conmon of an exec that was prepared but never released (it would wait
 * on its start FIFO forever). An exec that was released and still runs keeps its conmon and dir,
 * as a live-restored container keeps its processes. Every method blocks.
 */
public final class ExecLeftovers {
  private static final Logger LOG = LoggerFactory.getLogger(ExecLeftovers.class);

  private ExecLeftovers() {
  }

  /** Cleans every exec dir under {@code execsDir}; returns how many it removed. */
  public static int clean(Path execsDir) throws IOException {
    if (!Files.isDirectory(execsDir)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> dirs = Files.list(execsDir)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (cleanOne(dir)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean cleanOne(Path dir) throws IOException {
    List<ProcessHandle> conmons = liveConmons(dir);
    // runc writes the exec's pidfile once conmon was released and ran it (sync.json exists earlier)
    boolean released = Files.exists(dir.resolve("pidfile"));
    if (!conmons.isEmpty() && released) {
      return false; // still running: its conmon exits with it
    }
    for (ProcessHandle p : conmons) {
      LOG.info("killing conmon {} of exec {}: prepared but never released", p.pid(), dir.getFileName());
      p.destroyForcibly();
      try {
        p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("conmon {} did not exit: {}", p.pid(), e.getMessage());
      }
    }
    io.wharf.node.FileTrees.deleteRecursively(dir);
    return true;
  }

  /**
   * The live conmon processes of the exec in {@code dir} (conmon forks, so there may be two), found
   * by their command line, which names the dir as the bundle; a reused pid cannot match.
   */
  static List<ProcessHandle> liveConmons(Path dir) {
    return ProcessHandle.allProcesses().filter(p -> isExecConmon(args(p.pid()), dir)).toList();
  }

  static boolean isExecConmon(List<String> args, Path dir) {
    int bundle = args.indexOf("-b");
    return !args.isEmpty() && args.get(0).endsWith("conmon") && args.contains("--exec")
        && bundle >= 0 && bundle + 1 < args.size() && args.get(bundle + 1).equals(dir.toString());
  }

  private static List<String> args(long pid) {
    try {
      String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1);
      return List.of(raw.split("\u0000"));
    } catch (IOException e) {
      return List.of();
    }
  }
}
