package io.wharf.node.build;

import io.wharf.api.image.ImageDetails;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.DockerfileParser;
import io.wharf.node.build.dockerfile.Instruction;
import io.wharf.node.build.dockerfile.WordExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction after FROM becomes one image: the step's history text is computed
 * first (it holds every input: expanded words, COPY checksums, RUN build args), then
 * {@code (parent, history text)} is looked up in the {@link BuildCache}; a hit whose image still
 * exists is reused ({@code  ---> Using cache}), a miss runs the step and stores its image. Config
 * steps commit no layer ({@code empty_layer}); RUN, COPY, ADD and WORKDIR commit their diff.
 */
final class StepRunner {
  /** Where a stage is: its current image (null before the first step of FROM scratch) and config. */
  record State(String imageId, ImageDoc doc, boolean cmdSet) {}

  private final BuildImages images;
  private final BuildWorkspace workspace;
  private final BuildCache cache;
  private final BuildOptions options;
  private final BuildMessages out;
  private final FileSteps files;

  StepRunner(BuildImages images, BuildWorkspace workspace, BuildCache cache, BuildOptions options, Path contextRoot,
      BuildMessages out) {
    this.images = images;
    this.workspace = workspace;
    this.cache = cache;
    this.options = options;
    this.out = out;
    this.files = new FileSteps(images, workspace, contextRoot);
  }

  /** The base image's ONBUILD triggers run first; the new image does not inherit them. */
  State onBuildTriggers(State state, StageArgs args, char escape) throws BuildFailure {
    List<String> triggers = state.doc().onBuild();
    if (triggers.isEmpty()) {
      return state;
    }
    out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() == 1 ? "" : "s") + "\n");
    ImageDoc doc = state.doc().copy();
    doc.setStrings("OnBuild", null);
    State s = new State(state.imageId(), doc, state.cmdSet());
    for (String trigger : triggers) {
      Instruction in;
      try {
        in = DockerfileParser.parse("FROM scratch\n" + trigger).stages().get(0).instructions().get(0);
      } catch (DockerfileException | RuntimeException e) {
        throw new BuildFailure("invalid ONBUILD trigger \"" + trigger + "\": " + e.getMessage());
      }
      s = run(in, s, args, escape, Map.of(), Map.of());
    }
    return s;
  }

  State run(Instruction in, State state, StageArgs args, char escape, Map<Integer, String> built,
      Map<String, String> byName) throws BuildFailure {
    try {
      return switch (in.keyword()) {
        case "ARG" -> {
          args.declare(in, expansionEnv(state, args), escape);
          yield configStep(state, ConfigInstructions.NOP + " ARG " + String.join(" ", in.args()), state.doc().copy(),
              state.cmdSet());
        }
        case "RUN" -> runStep(in, state, args);
        case "WORKDIR" -> workdirStep(in, state, args, escape);
        case "COPY", "ADD" -> fileStep(in, state, args, escape, built, byName);
        default -> {
          if (!ConfigInstructions.KEYWORDS.contains(in.keyword())) {
            throw new BuildFailure("Unknown instruction: " + in.keyword());
          }
          ImageDoc doc = state.doc().copy();
          String createdBy = ConfigInstructions.apply(in, doc, expansionEnv(state, args), escape, state.cmdSet());
          yield configStep(state, createdBy, doc, state.cmdSet() || in.keyword().equals("CMD"));
        }
      };
    } catch (DockerfileException e) {
      throw new BuildFailure(e.getMessage());
    }
  }

  /** ENV wins over ARG, as in Docker. */
  private static Map<String, String> expansionEnv(State state, StageArgs args) {
    Map<String, String> env = new LinkedHashMap<>(args.visible());
    env.putAll(state.doc().env());
    return env;
  }

  private State configStep(State state, String createdBy, ImageDoc doc, boolean cmdSet) throws BuildFailure {
    return step(state, createdBy, cmdSet, () -> {
      doc.addHistory(createdBy, true, now());
      return images.derive(state.imageId(), doc, null);
    });
  }

  private State runStep(Instruction in, State state, StageArgs args) throws BuildFailure {
    List<String> argv = ConfigInstructions.command(in, state.doc());
    Map<String, String> runArgs = args.runEnv(state.doc().env().keySet());
    List<String> env = new ArrayList<>();
    runArgs.forEach((k, v) -> env.add(k + "=" + v));
    String createdBy = (runArgs.isEmpty() ? "" : "|" + runArgs.size() + " " + String.join(" ", env) + " ")
        + String.join(" ", argv);
    return step(state, createdBy, state.cmdSet(), () -> {
      if (state.imageId() == null) {
        throw new BuildFailure("The command '" + String.join(" ", argv) + "' returned a non-zero code: 127: "
            + "the image has no files (FROM scratch)", 127);
      }
      Path layer = workspace.run(new BuildWorkspace.RunRequest(state.imageId(), argv, env, options.networkMode(),
          options.memory(), options.shmSize(), options.cpuShares(), options.cpuQuota(), options.cpuPeriod(),
          options.extraHosts(), options.rm(), options.forceRm()), out);
      return commitLayer(state, createdBy, layer);
    });
  }

  private State workdirStep(Instruction in, State state, StageArgs args, char escape) throws BuildFailure {
    String dir = RootfsPaths.absolute(WordExpander.expand(String.join(" ", in.args()), expansionEnv(state, args), escape),
        state.doc().workingDir());
    ImageDoc doc = state.doc().copy();
    doc.config().put("WorkingDir", dir);
    String createdBy = ConfigInstructions.NOP + "WORKDIR " + dir;
    State next = step(new State(state.imageId(), doc, state.cmdSet()), createdBy, state.cmdSet(), () -> {
      ImageDetails parent = details(state.imageId());
      Path layer = workspace.change(parent, rootfs -> RootfsPaths.mkdirs(rootfs, dir));
      return commitLayer(new State(state.imageId(), doc, state.cmdSet()), createdBy, layer);
    });
    return next;
  }

  private State fileStep(Instruction in, State state, StageArgs args, char escape, Map<Integer, String> built,
      Map<String, String> byName) throws BuildFailure, DockerfileException {
    FileSteps.Plan plan = files.plan(in, state, expansionEnv(state, args), escape, byName, built);
    return step(state, plan.createdBy(), state.cmdSet(), () -> {
      Path layer = files.apply(plan, details(state.imageId()));
      return commitLayer(state, plan.createdBy(), layer);
    });
  }

  private String commitLayer(State state, String createdBy, Path layer) throws BuildFailure {
    ImageDoc doc = state.doc().copy();
    try {
      doc.addHistory(createdBy, layer == null, now());
      return images.derive(state.imageId(), doc, layer);
    } finally {
      deleteQuietly(layer);
    }
  }

  private interface StepWork {
    String run() throws BuildFailure;
  }

  /** The cache around one step; prints "Using cache" and the step's short id. */
  private State step(State state, String createdBy, boolean cmdSet, StepWork work) throws BuildFailure {
    String key = BuildCache.key(state.imageId(), createdBy);
    String id = null;
    if (!options.noCache()) {
      id = cache.lookup(key).filter(images::exists).orElse(null);
      if (id == null && cache.lookup(key).isPresent()) {
        cache.forget(key);
      }
    }
    if (id != null) {
      out.stream(" ---> Using cache\n");
    } else {
      id = work.run();
      cache.store(key, id);
    }
    out.stream(" ---> " + BuildMessages.shortId(id) + "\n");
    return new State(id, images.config(id), cmdSet);
  }

  private ImageDetails details(String imageId) {
    return imageId == null ? null : images.inspect(imageId);
  }

  /** History times in whole seconds, as the registry's other writers store them. */
  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temp file under build-tmp; the next daemon start purges the directory
      }
    }
  }
}
