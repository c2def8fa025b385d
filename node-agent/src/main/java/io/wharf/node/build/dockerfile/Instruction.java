package io.wharf.node.build.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction, continuations joined.
 *
 * @param keyword upper case (RUN, COPY, ...)
 * @param text the instruction as Docker prints it in {@code Step N/M : <text>}: the keyword as
 *     written and the rest, continuation lines appended without their escape character
 * @param args exec (JSON) form: the array elements. RUN/CMD/ENTRYPOINT/SHELL shell form: one element,
 *     the command string. ENV/LABEL: the words with quotes kept ({@link KeyValues} splits them; the
 *     old {@code ENV key value} form is {@code [key, value]}). HEALTHCHECK: {@code ["NONE"]} or
 *     {@code ["CMD", cmd...]}. ONBUILD: {@code [inner instruction text]}. USER/WORKDIR/STOPSIGNAL/
 *     MAINTAINER: one element. Others: the whitespace-separated words.
 * @param flags the {@code --name=value} flags before the arguments, name without "--"; a flag written
 *     without a value ({@code --link}) maps to "true"
 * @param json true for the exec (JSON array) form
 * @param line 1-based line of the keyword
 * @param heredocs bodies of {@code <<EOF} heredocs, in order (may be empty)
 */
public record Instruction(String keyword, String text, List<String> args, Map<String, String> flags,
    boolean json, int line, List<Heredoc> heredocs) {
  public Instruction {
    args = List.copyOf(args);
    flags = Map.copyOf(flags);
    heredocs = List.copyOf(heredocs);
  }

  /**
   * For a shell-form RUN/CMD/ENTRYPOINT: the command for {@code <shell> -c}, with the bodies of its
   * heredocs appended after it, each closed by its delimiter, so the shell itself reads them as a
   * POSIX here-document (quoted delimiters keep {@code $} literal, as in Docker).
   */
  public String shellCommand() {
    StringBuilder command = new StringBuilder(args.isEmpty() ? "" : args.get(0));
    for (Heredoc doc : heredocs) {
      command.append('\n').append(doc.body()).append(doc.name());
    }
    return command.toString();
  }

  /** The flag's value, or null when the flag is absent. */
  public String flag(String name) {
    return flags.get(name);
  }
}
