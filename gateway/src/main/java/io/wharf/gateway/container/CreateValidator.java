package io.wharf.gateway.container;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks dockerd makes at create time, with its messages (all INVALID_ARGUMENT, HTTP 400). */
public final class CreateValidator {
  private CreateValidator() {}

  private static final Pattern NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  private static final long MIN_MEMORY = 6L * 1024 * 1024;
  private static final Set<String> POLICIES = Set.of("no", "always", "on-failure", "unless-stopped");

  public static void requireValidName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw WharfException.invalid("Invalid container name (" + name
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
  }

  public static void validate(ContainerSpec spec) {
    if (spec.stopTimeout() != null && spec.stopTimeout() < -1) {
      throw WharfException.invalid("invalid StopTimeout " + spec.stopTimeout() + ": must be -1 or more");
    }
    HostSettings h = spec.host();
    validateResources(h);
    validateRestartPolicy(h.restartPolicy(), h.autoRemove());
    RunOptionsValidator.validate(spec);
  }

  static void validateResources(HostSettings h) {
    nonNegative("Memory", h.memory());
    nonNegative("NanoCpus", h.nanoCpus());
    nonNegative("CpuShares", h.cpuShares());
    nonNegative("CpuPeriod", h.cpuPeriod());
    if (h.memory() > 0 && h.memory() < MIN_MEMORY) {
      throw WharfException.invalid("Minimum memory limit allowed is 6MB");
    }
    if (h.memorySwap() > 0 && h.memory() == 0) {
      throw WharfException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (h.memorySwap() > 0 && h.memorySwap() < h.memory()) {
      throw WharfException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (h.nanoCpus() > 0 && h.cpuPeriod() > 0) {
      throw WharfException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (h.nanoCpus() > 0 && h.cpuQuota() > 0) {
      throw WharfException.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    if (h.cpuPeriod() != 0 && (h.cpuPeriod() < 1000 || h.cpuPeriod() > 1_000_000)) {
      throw WharfException.invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (h.cpuQuota() > 0 && h.cpuQuota() < 1000) {
      throw WharfException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
  }

  static void validateRestartPolicy(RestartPolicy p, boolean autoRemove) {
    if (!POLICIES.contains(p.name())) {
      throw WharfException.invalid("invalid restart policy: unknown policy '" + p.name()
          + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
    if (p.maximumRetryCount() < 0) {
      throw WharfException.invalid("invalid restart policy: maximum retry count can't be negative");
    }
    if (p.maximumRetryCount() > 0 && !p.name().equals("on-failure")) {
      throw WharfException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
    }
    if (autoRemove && !p.name().equals("no")) {
      throw WharfException.invalid("can't create 'AutoRemove' container with restart policy");
    }
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw WharfException.invalid("invalid " + field + " " + value + ": must not be negative");
    }
  }
}
