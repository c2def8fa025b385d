package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of an expanded instruction argument: characters that came unquoted split on
 * whitespace, quoted or escaped ones never do. A word left empty is dropped (as in Docker).
 */
final class Words {
  private final List<String> words = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;

  /** Unquoted text: whitespace ends the current word. */
  void addSplitting(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        word.append(c);
        inWord = true;
      } else if (inWord) {
        flush();
      }
    }
  }

  /** Quoted or escaped text: kept as is in the current word. */
  void addRaw(String text) {
    word.append(text);
    inWord = true;
  }

  List<String> done() {
    flush();
    return words;
  }

  private void flush() {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
    inWord = false;
  }
}
