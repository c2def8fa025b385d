package io.wharf.registry.storage;

import io.wharf.registry.TestImages;
import io.wharf.registry.store.DurableFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class FileSystemDriverTest extends StorageDriverContract {
  private final List<Path> dirs = new ArrayList<>();

  @Override
  StorageDriver driver() {
    try {
      Path dir = TestImages.freshDir("fsdriver");
      dirs.add(dir);
      return new FileSystemDriver(dir);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void cleanUp() {
    dirs.forEach(DurableFiles::deleteTree);
  }
}
