package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctl lines reach the reader one read at a time: conmon mishandles two lines in one read. */
class CtlFifoTest {
  @TempDir
  Path dir;

  @Test
  void eachLineIsDrainedBeforeTheNextIsWritten() throws Exception {
    Path fifo = dir.resolve("ctl");
    CtlFifo.create(fifo);
    List<String> reads = new ArrayList<>();
    try (RandomAccessFile reader = new RandomAccessFile(fifo.toFile(), "rw")) { // O_RDWR: never blocks
      Thread slowReader = new Thread(() -> {
        byte[] buf = new byte[200];
        try {
          for (int i = 0; i < 2; i++) {
            Thread.sleep(30); // a reader slower than the writer
            int n = reader.read(buf);
            reads.add(new String(buf, 0, n, StandardCharsets.US_ASCII));
          }
        } catch (Exception e) {
          reads.add("failed: " + e);
        }
      });
      slowReader.start();
      CtlFifo.send(fifo, "c1", "1 31 101");
      CtlFifo.send(fifo, "c1", "1 30 100");
      slowReader.join(5000);
    }
    assertEquals(List.of("1 31 101\n", "1 30 100\n"), reads);
  }

  @Test
  void aReaderThatNeverReadsDelaysASendOnlyBriefly() throws Exception {
    Path fifo = dir.resolve("ctl");
    CtlFifo.create(fifo);
    try (RandomAccessFile reader = new RandomAccessFile(fifo.toFile(), "rw")) {
      long t0 = System.nanoTime();
      CtlFifo.send(fifo, "c1", "2 0 0");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= CtlFifo.DRAIN_TIMEOUT_MS - 5 && ms < 5_000, ms + " ms");
    }
  }
}
