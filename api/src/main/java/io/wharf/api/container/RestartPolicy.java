package io.wharf.api.container;

/** Docker's restart policy: name is "no", "on-failure", "always" or "unless-stopped". */
public record RestartPolicy(String name, int maximumRetryCount) {
  public static final RestartPolicy NO = new RestartPolicy("no", 0);
}
