package io.wharf.registry.storage;

import io.wharf.registry.store.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Entries as files under a root directory; puts go through {@link DurableFiles#write}. Blocking. */
public final class FileSystemDriver implements StorageDriver {
  private final Path root;

  public FileSystemDriver(Path root) {
    this.root = root;
  }

  private Path file(String key) {
    return root.resolve(StorageDriver.checkKey(key));
  }

  @Override
  public byte[] get(String key) {
    Path f = file(key);
    try {
      return Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  @Override
  public void put(String key, byte[] value) {
    DurableFiles.write(file(key), value);
  }

  @Override
  public void putRelaxed(String key, byte[] value) {
    DurableFiles.writeAtomic(file(key), value);
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(file(key));
  }

  @Override
  public List<String> list(String directoryKey) {
    Path dir = file(directoryKey);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".tmp-")).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  @Override
  public boolean delete(String key) {
    Path f = file(key);
    if (!Files.exists(f)) {
      return false;
    }
    DurableFiles.deleteTree(f);
    return true;
  }

  @Override
  public long modifiedMillis(String key) {
    try {
      return Files.getLastModifiedTime(file(key)).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }
}
