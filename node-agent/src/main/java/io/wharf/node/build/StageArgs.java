package io.wharf.node.build;

import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.Instruction;
import io.wharf.node.build.dockerfile.WordExpander;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Docker's ARG scoping for one build: ARGs before the first FROM are global (visible in FROM lines
 * only, unless a stage re-declares them, then with the global value); an ARG inside a stage is
 * visible from its line to the end of the stage; {@code --build-arg} overrides a declared default;
 * the predefined proxy args reach RUN without being declared. Tracks which build args were used,
 * for Docker's "[Warning] One or more build-args [X] were not consumed". Not thread-safe.
 */
final class StageArgs {
  static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  private final Map<String, String> buildArgs;
  private final Map<String, String> globals = new LinkedHashMap<>();
  private final Set<String> consumed = new LinkedHashSet<>();
  private Map<String, String> stage = new LinkedHashMap<>();

  StageArgs(Map<String, String> buildArgs) {
    this.buildArgs = buildArgs;
  }

  /** Declares the global ARGs (lines before the first FROM). */
  void declareGlobals(List<Instruction> args, char escape) throws DockerfileException {
    for (Instruction in : args) {
      declareInto(globals, in, globals, escape, false);
    }
  }

  /** The variables a FROM line expands with. */
  Map<String, String> globals() {
    Map<String, String> out = new LinkedHashMap<>();
    globals.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** A new stage starts: only re-declared ARGs are visible in it. */
  void newStage() {
    stage = new LinkedHashMap<>();
  }

  /** An ARG line inside the stage; {@code env} expands its defaults. */
  void declare(Instruction in, Map<String, String> env, char escape) throws DockerfileException {
    declareInto(stage, in, env, escape, true);
  }

  /** The declared ARGs with a value, for expansion and RUN (ENV wins over them: the caller merges). */
  Map<String, String> visible() {
    Map<String, String> out = new LinkedHashMap<>();
    stage.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * What a RUN sees besides the image's ENV: declared ARGs not shadowed by ENV, and predefined proxy
   * args given with --build-arg, sorted by name (Docker's history line {@code |N k=v ...}).
   */
  Map<String, String> runEnv(Set<String> envKeys) {
    Map<String, String> out = new TreeMap<>();
    visible().forEach((k, v) -> {
      if (!envKeys.contains(k)) {
        out.put(k, v);
      }
    });
    buildArgs.forEach((k, v) -> {
      if (PREDEFINED.contains(k) && !envKeys.contains(k)) {
        out.put(k, v);
        consumed.add(k);
      }
    });
    return out;
  }

  /** Build args no ARG declared (Docker warns about them at the end). */
  Set<String> unconsumed() {
    Set<String> out = new TreeMap<String, String>(buildArgs).keySet();
    Set<String> left = new LinkedHashSet<>(out);
    left.removeAll(consumed);
    left.removeAll(PREDEFINED);
    return left;
  }

  private void declareInto(Map<String, String> scope, Instruction in, Map<String, String> env, char escape,
      boolean inheritGlobal) throws DockerfileException {
    if (in.args().isEmpty()) {
      throw new DockerfileException("ARG requires at least one argument", in.line());
    }
    for (String word : in.args()) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.isEmpty()) {
        throw new DockerfileException("ARG names can not be blank", in.line());
      }
      String value = eq < 0 ? null : WordExpander.expand(word.substring(eq + 1), env, escape);
      if (value == null && inheritGlobal && globals.containsKey(name)) {
        value = globals.get(name);
      }
      if (buildArgs.containsKey(name)) {
        value = buildArgs.get(name);
        consumed.add(name);
      }
      scope.put(name, value);
    }
  }
}
