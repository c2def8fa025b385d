package io.wharf.node.build;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.node.build.dockerfile.Dockerfile;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.Instruction;
import io.wharf.node.build.dockerfile.Stage;
import io.wharf.node.build.dockerfile.WordExpander;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classic builder (what {@code DOCKER_BUILDKIT=0 docker build} drives): the Dockerfile's stages
 * in order up to {@code --target}, one step per instruction, each step an image (see
 * {@link StepRunner}), then the tags. Messages as dockerd writes them: {@code Step N/M : <text>},
 * {@code  ---> <id12>}, {@code Successfully built}, {@code Successfully tagged}. The tags are written
 * only when every step succeeded, so a failed build leaves no tag (its step images stay, as the
 * cache, like dockerd's). Blocking: runs on a worker thread.
 */
public final class ClassicBuild {
  private final BuildImages images;
  private final StepRunner steps;
  private final BuildMessages out;
  private final BuildOptions options;

  public ClassicBuild(BuildImages images, BuildWorkspace workspace, BuildCache cache, BuildOptions options,
      Path contextRoot, BuildMessages out) {
    this.images = images;
    this.options = options;
    this.out = out;
    this.steps = new StepRunner(images, workspace, cache, options, contextRoot, out);
  }

  /** Builds {@code df} and returns the image id; the failure is a BuildFailure. */
  public String build(Dockerfile df) throws BuildFailure {
    List<Stage> stages = upToTarget(df);
    stages = withLabels(stages);
    int total = stages.stream().mapToInt(s -> 1 + s.instructions().size()).sum();
    StageArgs args = new StageArgs(options.buildArgs());
    try {
      args.declareGlobals(df.globalArgs(), df.escape());
    } catch (DockerfileException e) {
      throw new BuildFailure(e.getMessage());
    }
    Map<Integer, String> built = new HashMap<>();
    Map<String, String> byName = new HashMap<>();
    int step = 0;
    String last = null;
    for (Stage stage : stages) {
      args.newStage();
      out.stream("Step " + (++step) + "/" + total + " : " + fromText(stage));
      out.stream("\n");
      StepRunner.State state = from(stage, args, df.escape(), built, byName);
      state = steps.onBuildTriggers(state, args, df.escape());
      for (Instruction in : stage.instructions()) {
        out.stream("Step " + (++step) + "/" + total + " : " + in.text());
        out.stream("\n");
        state = steps.run(in, state, args, df.escape(), built, byName);
      }
      if (state.imageId() == null) {
        throw new BuildFailure("No image was generated. Is your Dockerfile empty?");
      }
      built.put(stage.index(), state.imageId());
      if (stage.name() != null) {
        byName.put(stage.name(), state.imageId());
      }
      last = state.imageId();
    }
    warnUnconsumed(args);
    out.built(last);
    for (String tag : options.tags()) {
      images.tag(last, tag);
      out.stream("Successfully tagged " + normalizedTag(tag) + "\n");
    }
    return last;
  }

  private List<Stage> upToTarget(Dockerfile df) throws BuildFailure {
    List<Stage> all = df.stages();
    if (options.target().isEmpty()) {
      return all;
    }
    Stage target = null;
    for (Stage s : all) {
      if (options.target().equalsIgnoreCase(s.name())) {
        target = s;
      }
    }
    if (target == null) {
      throw new BuildFailure("failed to reach build target " + options.target() + " in Dockerfile");
    }
    return all.subList(0, target.index() + 1);
  }

  /** {@code --label}s become one LABEL step at the end of the last stage, as in dockerd. */
  private List<Stage> withLabels(List<Stage> stages) {
    if (options.labels().isEmpty()) {
      return stages;
    }
    List<String> words = new ArrayList<>();
    new java.util.TreeMap<>(options.labels()).forEach((k, v) -> words.add(quote(k) + "=" + quote(v)));
    Stage last = stages.get(stages.size() - 1);
    List<Instruction> ins = new ArrayList<>(last.instructions());
    ins.add(new Instruction("LABEL", "LABEL " + String.join(" ", words), words, Map.of(), false, 0, List.of()));
    List<Stage> out = new ArrayList<>(stages.subList(0, stages.size() - 1));
    out.add(new Stage(last.index(), last.name(), last.from(), last.platform(), last.line(), ins));
    return out;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String fromText(Stage s) {
    return "FROM " + s.from() + (s.name() == null ? "" : " AS " + s.name());
  }

  private StepRunner.State from(Stage stage, StageArgs args, char escape, Map<Integer, String> built,
      Map<String, String> byName) throws BuildFailure {
    String ref = WordExpander.expand(stage.from(), args.globals(), escape);
    if (ref.isEmpty()) {
      throw new BuildFailure("base name (" + stage.from() + ") should not be blank");
    }
    String id;
    if (ref.equalsIgnoreCase("scratch")) {
      out.stream(" ---> \n");
      return new StepRunner.State(null, ImageDoc.scratch(), false);
    } else if (byName.containsKey(ref.toLowerCase(Locale.ROOT))) {
      id = byName.get(ref.toLowerCase(Locale.ROOT));
    } else {
      id = baseImage(ref);
    }
    out.stream(" ---> " + BuildMessages.shortId(id) + "\n");
    ImageDoc doc = images.config(id);
    return new StepRunner.State(id, doc, false);
  }

  /** A registry image: pulled when asked to (--pull) or when it is not here. */
  private String baseImage(String ref) throws BuildFailure {
    if (!options.pull()) {
      try {
        return images.inspect(ref).summary().id();
      } catch (WharfException e) {
        if (e.category() != ErrorCategory.NOT_FOUND) {
          throw e;
        }
      }
    }
    try {
      images.pull(ref, RegistryConfigAuth.forReference(options.registryConfig(), ref), out);
      return images.inspect(ref).summary().id();
    } catch (WharfException e) {
      throw new BuildFailure("pull access denied for " + ref + ", repository does not exist or may require "
          + "'docker login': " + e.getMessage());
    }
  }

  private void warnUnconsumed(StageArgs args) {
    var left = args.unconsumed();
    if (!left.isEmpty()) {
      out.stream("[Warning] One or more build-args " + left.toString().replace(", ", " ") + " were not consumed\n");
    }
  }

  /** "myimg" is tagged and reported as "myimg:latest", as dockerd does. */
  static String normalizedTag(String tag) {
    int slash = tag.lastIndexOf('/');
    int colon = tag.lastIndexOf(':');
    return colon > slash ? tag : tag + ":latest";
  }
}
