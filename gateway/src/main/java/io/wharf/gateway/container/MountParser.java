package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.MountSpec;
import io.wharf.api.volume.VolumeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HostConfig.Binds ({@code name:/ctr[:opts]}, {@code /host:/ctr[:opts]}) and HostConfig.Mounts
 * ({@code type=volume|bind|tmpfs}) as {@link MountSpec}s, with Docker's 400s for malformed ones.
 * A bind from Binds creates a missing host path; one from Mounts is refused (checked by the node).
 */
public final class MountParser {
  private MountParser() {}

  static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
  private static final Set<String> FLAGS = Set.of("ro", "rw", "z", "Z", "nocopy", "copy");

  /** HostConfig.Binds and HostConfig.Mounts as sent (null, or arrays; anything else is a 400). */
  public static List<MountSpec> parse(Object binds, Object mounts) {
    List<MountSpec> out = new ArrayList<>();
    for (Object b : array("Binds", binds)) {
      if (!(b instanceof String s)) {
        throw WharfException.invalid("invalid volume specification: '" + b + "'");
      }
      out.add(bind(s));
    }
    for (Object m : array("Mounts", mounts)) {
      if (!(m instanceof JsonObject o)) {
        throw WharfException.invalid("invalid mount config: " + m);
      }
      out.add(mount(o));
    }
    return out;
  }

  private static JsonArray array(String field, Object v) {
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw WharfException.invalid("HostConfig." + field + " must be an array");
  }

  /** One Binds entry. */
  public static MountSpec bind(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw WharfException.invalid("invalid volume specification: '" + spec + "'");
    }
    String source = parts[0];
    String target = parts[1];
    requireAbsolute(spec, target);
    if ("/".equals(target)) {
      throw WharfException.invalid("invalid volume specification: '" + spec + "': invalid mount config for type"
          + " \"" + (source.startsWith("/") ? "bind" : "volume") + "\": invalid specification: destination can't be '/'");
    }
    boolean readOnly = false;
    boolean noCopy = false;
    String propagation = null;
    if (parts.length == 3) {
      for (String opt : parts[2].split(",")) {
        noCopy = noCopy || "nocopy".equals(opt);
        if (PROPAGATIONS.contains(opt)) {
          propagation = opt;
        } else if (FLAGS.contains(opt)) {
          readOnly = readOnly || "ro".equals(opt);
        } else {
          throw WharfException.invalid("invalid mode: " + parts[2]);
        }
      }
    }
    if (source.startsWith("/")) {
      return new MountSpec(MountSpec.BIND, source, target, readOnly, propagation, MountSpec.CREATE_SOURCE, null);
    }
    if (!VolumeNames.isValid(source)) {
      VolumeNames.require("create", source);
    }
    if (propagation != null) {
      throw WharfException.invalid("invalid volume specification: '" + spec + "'");
    }
    return new MountSpec(MountSpec.VOLUME, source, target, readOnly, null, noCopy ? MountSpec.NO_COPY : null, null);
  }

  /** One Mounts entry. */
  public static MountSpec mount(JsonObject m) {
    String type = m.getString("Type", "");
    String source = m.getString("Source", "");
    String target = m.getString("Target", "");
    boolean readOnly = Boolean.TRUE.equals(m.getBoolean("ReadOnly"));
    if (!Set.of(MountSpec.VOLUME, MountSpec.BIND, MountSpec.TMPFS).contains(type)) {
      throw WharfException.invalid("mount type unknown: \"" + type + "\"");
    }
    String prefix = "invalid mount config for type \"" + type + "\": ";
    if (target.isEmpty()) {
      throw WharfException.invalid(prefix + "field Target must not be empty");
    }
    if (!target.startsWith("/")) {
      throw WharfException.invalid(prefix + "invalid mount path: '" + target + "' mount path must be absolute");
    }
    return switch (type) {
      case MountSpec.BIND -> bindMount(m, prefix, source, target, readOnly);
      case MountSpec.TMPFS -> tmpfsMount(m, prefix, source, target, readOnly);
      default -> volumeMount(source, target, readOnly,
          Boolean.TRUE.equals(m.getJsonObject("VolumeOptions", new JsonObject()).getBoolean("NoCopy")));
    };
  }

  private static MountSpec bindMount(JsonObject m, String prefix, String source, String target, boolean ro) {
    if (source.isEmpty()) {
      throw WharfException.invalid(prefix + "field Source must not be empty");
    }
    if (!source.startsWith("/")) {
      throw WharfException.invalid(prefix + "invalid mount path: '" + source + "' mount path must be absolute");
    }
    JsonObject opts = m.getJsonObject("BindOptions", new JsonObject());
    String propagation = opts.getString("Propagation");
    if (propagation != null && !propagation.isEmpty() && !PROPAGATIONS.contains(propagation)) {
      throw WharfException.invalid(prefix + "invalid propagation mode: " + propagation);
    }
    return new MountSpec(MountSpec.BIND, source, target, ro, emptyToNull(propagation), null, null);
  }

  private static MountSpec tmpfsMount(JsonObject m, String prefix, String source, String target, boolean ro) {
    if (!source.isEmpty()) {
      throw WharfException.invalid(prefix + "field Source must not be specified");
    }
    JsonObject opts = m.getJsonObject("TmpfsOptions", new JsonObject());
    List<String> o = new ArrayList<>();
    Number size = opts.getNumber("SizeBytes");
    if (size != null && size.longValue() > 0) {
      o.add("size=" + size.longValue());
    }
    Number mode = opts.getNumber("Mode");
    if (mode != null && mode.intValue() != 0) {
      o.add("mode=" + Integer.toOctalString(mode.intValue()));
    }
    return new MountSpec(MountSpec.TMPFS, null, target, ro, null, String.join(",", o), null);
  }

  private static MountSpec volumeMount(String source, String target, boolean ro, boolean noCopy) {
    if (!source.isEmpty()) {
      VolumeNames.require("create", source);
    }
    return new MountSpec(MountSpec.VOLUME, emptyToNull(source), target, ro, null, noCopy ? MountSpec.NO_COPY : null,
        null);
  }

  private static void requireAbsolute(String spec, String path) {
    if (!path.startsWith("/")) {
      throw WharfException.invalid("invalid volume specification: '" + spec + "': invalid mount config for type"
          + " \"volume\": invalid mount path: '" + path + "' mount path must be absolute");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
