package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inotify watch (WatchService) on conmon's exit dir for every container. When the file
 * {@code <id>} appears with a code, the listener is called once, on the watcher's own thread, with
 * (id, code). conmon writes the file after draining stdio, via a temporary name plus rename; names
 * with a dot (those temporaries) are ignored. A file that is deleted and written again (a restarted
 * container) is reported again.
 *
 * <p>Exit files that already exist when the watcher starts are not reported: the caller
 * reconciles those (see {@link ContainerRuntime#reconcile}).
 */
public final class ExitWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);
  static final long RETRY_MS = 50;

  private final Path dir;
  private final BiConsumer<String, Integer> listener;
  private final WatchService watch;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final Thread thread;

  /** Starts watching {@code exitsDir} (created if missing). Blocks briefly. */
  public ExitWatcher(Path exitsDir, BiConsumer<String, Integer> listener) {
    this.dir = exitsDir;
    this.listener = listener;
    try {
      Files.createDirectories(exitsDir);
      this.watch = exitsDir.getFileSystem().newWatchService();
      exitsDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      try (DirectoryStream<Path> existing = Files.newDirectoryStream(exitsDir)) {
        existing.forEach(p -> reported.add(p.getFileName().toString()));
      }
    } catch (IOException e) {
      throw WharfException.internal("cannot watch " + exitsDir + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::loop, "wharf-exit-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watch.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            rescan();
          } else {
            String name = event.context().toString();
            if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
              reported.remove(name);
            } else {
              consider(name);
            }
          }
        }
        if (!key.reset()) {
          LOG.warn("exit dir {} is no longer watchable; exits will not be reported", dir);
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private void rescan() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      files.forEach(p -> consider(p.getFileName().toString()));
    } catch (IOException e) {
      LOG.warn("cannot rescan {}: {}", dir, e.getMessage());
    }
  }

  private void consider(String name) throws RuntimeException {
    if (name.contains(".") || reported.contains(name)) {
      return;
    }
    Optional<Integer> code = ExitFiles.read(dir.resolve(name));
    if (code.isEmpty() && Files.exists(dir.resolve(name))) {
      sleep(RETRY_MS);
      code = ExitFiles.read(dir.resolve(name));
    }
    if (code.isPresent() && reported.add(name)) {
      try {
        listener.accept(name, code.get());
      } catch (RuntimeException e) {
        LOG.warn("exit listener failed for {}: {}", name, e.toString());
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops watching. A listener call already running may still finish. */
  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      // nothing left to release
    }
    thread.interrupt();
  }
}
