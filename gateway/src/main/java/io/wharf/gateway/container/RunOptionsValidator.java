package io.wharf.gateway.container;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HealthConfig;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.LogRotation;
import io.wharf.api.container.SecurityOptions;
import io.wharf.api.container.Ulimit;
import java.util.Map;
import java.util.Set;

/**
 * Create-time checks of the run options (all INVALID_ARGUMENT, HTTP 400): namespaced sysctls only,
 * known security options and a well-formed seccomp profile, absolute tmpfs and device paths, sane
 * ulimits, log rotation options and health check durations. Limits that depend on the node (ulimits
 * past its hard limits, missing devices) are checked by the node at create.
 */
public final class RunOptionsValidator {
  private RunOptionsValidator() {}

  /** The IPC-namespaced kernel.* sysctls (Docker's list); fs.mqueue.* and net.* are checked by prefix. */
  static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
      "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
  static final long MIN_HEALTH_DURATION = 1_000_000L;

  public static void validate(ContainerSpec spec) {
    HostSettings h = spec.host();
    h.sysctls().keySet().forEach(key -> validateSysctl(key, h.networkMode()));
    SecurityOptions sec = SecurityOptions.parse(h.securityOpt());
    if (sec.seccompProfile() != null && !sec.unconfined()) {
      validateSeccompProfile(sec.seccompProfile());
    }
    h.tmpfs().keySet().forEach(path -> requireAbsolute("tmpfs", path));
    h.devices().forEach(d -> {
      requireAbsolute("device", d.pathOnHost());
      requireAbsolute("device", d.pathInContainer());
      if (!d.cgroupPermissions().matches("[rwm]{1,3}")) {
        throw WharfException.invalid("invalid device mode: " + d.cgroupPermissions());
      }
    });
    h.ulimits().forEach(RunOptionsValidator::validateUlimit);
    if (h.shmSize() < 0) {
      throw WharfException.invalid("SHM size can not be less than 0");
    }
    validateLogOptions(h.logOptions());
    if (spec.healthcheck() != null) {
      validateHealthcheck(spec.healthcheck());
    }
  }

  /** Docker allows only sysctls in a namespace the container owns. */
  static void validateSysctl(String key, String networkMode) {
    if (IPC_SYSCTLS.contains(key) || key.startsWith("fs.mqueue.")) {
      return;
    }
    if (key.startsWith("net.")) {
      if ("host".equals(networkMode)) {
        throw WharfException.invalid("sysctl \"" + key + "\" is not allowed in the host network namespace");
      }
      return;
    }
    throw WharfException.invalid("sysctl \"" + key + "\" is not in a separate kernel namespace");
  }

  /** An OCI seccomp profile or Docker's profile format: an object with a defaultAction. */
  static void validateSeccompProfile(String json) {
    JsonObject profile;
    try {
      profile = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw WharfException.invalid("Decoding seccomp profile failed: " + e.getMessage());
    }
    Object action = profile.getValue("defaultAction");
    if (!(action instanceof String s) || !s.startsWith("SCMP_ACT_")) {
      throw WharfException.invalid("Decoding seccomp profile failed: defaultAction must be an SCMP_ACT_ action");
    }
    Object syscalls = profile.getValue("syscalls");
    if (syscalls != null && !(syscalls instanceof io.vertx.core.json.JsonArray)) {
      throw WharfException.invalid("Decoding seccomp profile failed: syscalls must be a list");
    }
  }

  static void validateUlimit(Ulimit u) {
    if (u.ociType() == null) {
      throw WharfException.invalid("invalid ulimit type: " + u.name());
    }
    if (u.soft() > u.hard() && u.hard() != -1) {
      throw WharfException.invalid("ulimit soft limit must be less than or equal to hard limit: "
          + u.soft() + " > " + u.hard());
    }
    if (u.soft() < -1 || u.hard() < -1) {
      throw WharfException.invalid("invalid ulimit " + u.name() + ": limits must be -1 (unlimited) or more");
    }
  }

  static void validateLogOptions(Map<String, String> opts) {
    for (Map.Entry<String, String> e : opts.entrySet()) {
      switch (e.getKey()) {
        case "max-size" -> LogRotation.parseSize(e.getValue());
        case "max-file" -> LogRotation.of(Map.of("max-file", e.getValue()));
        case "tag" -> { }
        case "compress" -> refuseUnless(e, "false", "rotated log files are kept uncompressed");
        case "labels", "labels-regex", "env", "env-regex" -> refuseUnless(e, "",
            "docker logs --details shows no attributes");
        default -> throw WharfException.invalid("unknown log opt '" + e.getKey() + "' for json-file log driver");
      }
    }
    if (opts.containsKey("max-file") && !opts.get("max-file").equals("1") && !opts.containsKey("max-size")) {
      throw WharfException.invalid("max-file can only be used with max-size");
    }
  }

  /** A json-file option Wharf does not apply is refused unless it has its no-op value. */
  private static void refuseUnless(Map.Entry<String, String> opt, String noOp, String why) {
    if (!opt.getValue().equals(noOp)) {
      throw WharfException.invalid("log opt '" + opt.getKey() + "' is not supported by Wharf: " + why);
    }
  }

  static void validateHealthcheck(HealthConfig h) {
    checkDuration("Interval", h.interval());
    checkDuration("Timeout", h.timeout());
    checkDuration("StartPeriod", h.startPeriod());
    if (h.retries() < 0) {
      throw WharfException.invalid("Retries in Healthcheck cannot be negative");
    }
  }

  private static void checkDuration(String field, long nanos) {
    if (nanos != 0 && nanos < MIN_HEALTH_DURATION) {
      throw WharfException.invalid(field + " in Healthcheck cannot be less than 1ms");
    }
  }

  private static void requireAbsolute(String what, String path) {
    if (path == null || !path.startsWith("/")) {
      throw WharfException.invalid("invalid " + what + " path " + path + ": must be an absolute path");
    }
  }
}
