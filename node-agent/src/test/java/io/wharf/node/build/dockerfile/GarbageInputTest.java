package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random input built from the characters that matter to the grammar: whatever comes in, the front
 * end answers with its own checked errors, never with a stray runtime exception (which the builder
 * would report as an internal error instead of the user's mistake).
 */
class GarbageInputTest {
  private static final String[] PIECES = {"FROM", "RUN", "COPY", "ENV", "ARG", "LABEL", "ONBUILD", "HEALTHCHECK",
      "SHELL", "CMD", "from", " ", "  ", "\t", "\n", "\\\n", "`\n", "#", "# escape=`\n", "=", "\"", "'", "[", "]",
      "\"a\"", ",", "--", "--from=", "--link", "AS", "x", "$", "${", "}", ":-", ":+", "?", "#", "%", "/", "*", "\\",
      "<<EOF\n", "EOF\n", "NONE", "1", "..", "\r\n", "\uFEFF", "{", "!"};
  private static final long SEED = 20261127L;

  private static String random(Random r, int pieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  @Test
  void parserOnlyThrowsDockerfileException() {
    Random r = new Random(SEED);
    for (int i = 0; i < 4000; i++) {
      String text = (i % 2 == 0 ? "FROM a\n" : "") + random(r, 1 + r.nextInt(30));
      try {
        DockerfileParser.parse(text);
      } catch (DockerfileException expected) {
        // the user's mistake, with a message
      } catch (RuntimeException e) {
        fail("input " + text.replace("\n", "\\n") + " -> " + e, e);
      }
    }
  }

  @Test
  void expanderOnlyThrowsBadSubstitution() {
    Random r = new Random(SEED);
    Map<String, String> env = Map.of("x", "a b", "EOF", "");
    for (int i = 0; i < 4000; i++) {
      String word = random(r, 1 + r.nextInt(12));
      try {
        WordExpander.expand(word, env, i % 3 == 0 ? '`' : '\\');
        WordExpander.expandWords(java.util.List.of(word), env, '\\');
        KeyValues.parse(java.util.List.of(word), env, '\\');
      } catch (WordExpander.BadSubstitution | DockerfileException expected) {
        // reported to the user
      } catch (RuntimeException e) {
        fail("word " + word.replace("\n", "\\n") + " -> " + e, e);
      }
    }
  }

  @Test
  void ignorePatternsNeverFail() {
    Random r = new Random(SEED);
    for (int i = 0; i < 2000; i++) {
      DockerIgnore ignore = DockerIgnore.parse(random(r, 1 + r.nextInt(10)));
      ignore.excluded(random(r, 1 + r.nextInt(5)));
    }
  }

  @Test
  void randomContextBytesAreCheckedErrors(@TempDir Path tmp) {
    Random r = new Random(SEED);
    byte[] valid = new ContextTar().file("a", "hello").dir("d", 0755).file("d/b", "x".repeat(700)).bytes();
    for (int i = 0; i < 100; i++) {
      byte[] bytes = valid.clone();
      for (int flips = 0; flips < 1 + r.nextInt(8); flips++) {
        bytes[r.nextInt(1536)] = (byte) r.nextInt(256);
      }
      try {
        BuildContext.unpack(new ByteArrayInputStream(bytes), tmp.resolve("c" + i));
      } catch (IOException | DockerfileException expected) {
        // corrupt input
      } catch (RuntimeException e) {
        fail("corruption #" + i + " -> " + e, e);
      }
    }
  }
}
