package io.wharf.registry.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken connections in the middle of a blob: resumed at the right offset, a bounded number of times. */
class ResumingInputTest {
  private static final byte[] BLOB = new byte[100_000];

  static {
    for (int i = 0; i < BLOB.length; i++) {
      BLOB[i] = (byte) (i * 31);
    }
  }

  /** Serves BLOB from {@code from}, failing after {@code breakAfter} bytes (or never when negative). */
  private static InputStream breaking(long from, int breakAfter) {
    InputStream data = new ByteArrayInputStream(Arrays.copyOfRange(BLOB, (int) from, BLOB.length));
    return new InputStream() {
      int served;

      @Override
      public int read() throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (breakAfter >= 0 && served >= breakAfter) {
          throw new IOException("connection reset");
        }
        int n = data.read(b, off, breakAfter < 0 ? len : Math.min(len, breakAfter - served));
        served += Math.max(n, 0);
        return n;
      }
    };
  }

  @Test
  void resumesAtTheOffsetReached() throws Exception {
    List<Long> offsets = new ArrayList<>();
    try (ResumingInput in = new ResumingInput(breaking(0, 30_000), offset -> {
      offsets.add(offset);
      return breaking(offset, offsets.size() == 1 ? 20_000 : -1);
    })) {
      assertArrayEquals(BLOB, in.readAllBytes());
      assertEquals(2, in.resumes());
    }
    assertEquals(List.of(30_000L, 50_000L), offsets);
  }

  @Test
  void givesUpAfterTheLimitOrWithoutRangeSupport() {
    ResumingInput always = new ResumingInput(breaking(0, 10), offset -> breaking(offset, 10));
    assertThrows(IOException.class, always::readAllBytes);
    assertEquals(ResumingInput.MAX_RESUMES, always.resumes());
    ResumingInput noRange = new ResumingInput(breaking(0, 10), offset -> null);
    assertThrows(IOException.class, noRange::readAllBytes);
  }
}
