package io.wharf.node.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.Instruction;
import io.wharf.node.build.dockerfile.KeyValues;
import io.wharf.node.build.dockerfile.WordExpander;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The instructions that change only the image config (no filesystem change): ENV, LABEL, USER,
 * CMD, ENTRYPOINT, EXPOSE, VOLUME, HEALTHCHECK, SHELL, STOPSIGNAL, ONBUILD, MAINTAINER. Each edits
 * the step's {@link ImageDoc} and returns the history text Docker records for it
 * ({@code /bin/sh -c #(nop)  ENV a=b}), which is also the step's cache key input. Words are
 * expanded where Docker expands them (ENV, LABEL, USER, EXPOSE, VOLUME, STOPSIGNAL), with the
 * stage's environment (ENV plus declared ARGs). Pure.
 */
public final class ConfigInstructions {
  public static final Set<String> KEYWORDS = Set.of("ENV", "LABEL", "USER", "CMD", "ENTRYPOINT", "EXPOSE",
      "VOLUME", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER");
  private static final Set<String> NOT_ONBUILD = Set.of("ONBUILD", "FROM", "MAINTAINER");
  static final String NOP = "/bin/sh -c #(nop) ";

  private ConfigInstructions() {}

  /**
   * Applies {@code in} to {@code image}.
   *
   * @param env the variables words expand with
   * @param cmdSet whether this stage already set CMD (ENTRYPOINT clears an inherited CMD otherwise)
   * @return the history entry's created_by text
   */
  public static String apply(Instruction in, ImageDoc image, Map<String, String> env, char escape, boolean cmdSet)
      throws DockerfileException {
    List<String> args = in.args();
    switch (in.keyword()) {
      case "ENV" -> {
        Map<String, String> vars = KeyValues.parse(args, env, escape);
        Map<String, String> all = image.env();
        all.putAll(vars);
        image.setEnv(all);
        return NOP + " ENV " + pairs(vars);
      }
      case "LABEL" -> {
        Map<String, String> labels = KeyValues.parse(args, env, escape);
        ObjectNode node = image.config().has("Labels") && image.config().get("Labels").isObject()
            ? (ObjectNode) image.config().get("Labels") : image.config().putObject("Labels");
        labels.forEach(node::put);
        return NOP + " LABEL " + pairs(labels);
      }
      case "USER" -> {
        String user = WordExpander.expand(one(in), env, escape);
        image.config().put("User", user);
        return NOP + " USER " + user;
      }
      case "CMD" -> {
        List<String> cmd = command(in, image);
        image.setStrings("Cmd", cmd);
        return NOP + " CMD " + jsonArray(cmd);
      }
      case "ENTRYPOINT" -> {
        List<String> ep = command(in, image);
        image.setStrings("Entrypoint", ep);
        if (!cmdSet) {
          image.config().putNull("Cmd");
        }
        return NOP + " ENTRYPOINT " + jsonArray(ep);
      }
      case "EXPOSE" -> {
        List<String> ports = new ArrayList<>();
        for (String word : WordExpander.expandWords(args, env, escape)) {
          ports.addAll(PortSpecs.expand(word, in.line()));
        }
        ports.forEach(p -> image.addKey("ExposedPorts", p));
        return NOP + " EXPOSE " + String.join(" ", ports);
      }
      case "VOLUME" -> {
        List<String> vols = WordExpander.expandWords(args, env, escape);
        for (String v : vols) {
          if (v.isBlank()) {
            throw new DockerfileException("VOLUME specified can not be an empty string", in.line());
          }
          image.addKey("Volumes", v);
        }
        return NOP + " VOLUME " + jsonArray(vols);
      }
      case "HEALTHCHECK" -> {
        ObjectNode hc = HealthcheckFlags.toConfig(in);
        image.config().set("Healthcheck", hc);
        return NOP + " HEALTHCHECK " + hcText(hc);
      }
      case "SHELL" -> {
        if (!in.json() || args.isEmpty()) {
          throw new DockerfileException("SHELL requires the arguments to be in JSON form", in.line());
        }
        image.setStrings("Shell", args);
        return NOP + " SHELL " + jsonArray(args);
      }
      case "STOPSIGNAL" -> {
        String sig = WordExpander.expand(one(in), env, escape);
        image.config().put("StopSignal", sig);
        return NOP + " STOPSIGNAL " + sig;
      }
      case "ONBUILD" -> {
        String trigger = one(in).strip();
        String keyword = trigger.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (NOT_ONBUILD.contains(keyword)) {
          throw new DockerfileException(keyword + " isn't allowed as an ONBUILD trigger", in.line());
        }
        List<String> triggers = new ArrayList<>(image.onBuild());
        triggers.add(trigger);
        image.setStrings("OnBuild", triggers);
        return NOP + " ONBUILD " + trigger;
      }
      case "MAINTAINER" -> {
        String who = String.join(" ", args);
        image.json().put("author", who);
        return NOP + " MAINTAINER " + who;
      }
      default -> throw new IllegalArgumentException("not a config instruction: " + in.keyword());
    }
  }

  /** CMD/ENTRYPOINT/RUN argv: exec form as written, shell form wrapped in the current SHELL. */
  static List<String> command(Instruction in, ImageDoc image) {
    if (in.json()) {
      return in.args();
    }
    List<String> argv = new ArrayList<>(image.shell());
    argv.add(withHeredocs(in));
    return argv;
  }

  /**
   * RUN heredocs (a bonus: BuildKit's syntax) handed to the shell: a command that is only
   * {@code <<EOF} runs the body as the script (as BuildKit does); otherwise the bodies follow the
   * command line ({@link Instruction#shellCommand}), which the shell reads as here-documents.
   */
  static String withHeredocs(Instruction in) {
    String command = String.join(" ", in.args());
    if (in.heredocs().isEmpty()) {
      return command;
    }
    if (in.heredocs().size() == 1 && command.strip().matches("<<-?([\"']?)" + java.util.regex.Pattern.quote(
        in.heredocs().get(0).name()) + "\\1")) {
      return in.heredocs().get(0).body();
    }
    return in.shellCommand();
  }

  private static String one(Instruction in) throws DockerfileException {
    if (in.args().isEmpty()) {
      throw new DockerfileException(in.keyword() + " requires exactly one argument", in.line());
    }
    return String.join(" ", in.args());
  }

  private static String pairs(Map<String, String> vars) {
    List<String> out = new ArrayList<>();
    vars.forEach((k, v) -> out.add(k + "=" + v));
    return String.join(" ", out);
  }

  static String jsonArray(List<String> values) {
    return Json.MAPPER.valueToTree(values == null ? List.of() : values).toString();
  }

  private static String hcText(ObjectNode hc) {
    Map<String, Object> m = new LinkedHashMap<>();
    hc.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m.toString();
  }
}
