package io.wharf.registry.auth;

/** What a request does to a repository, as token scopes name it ("pull", "push", "delete"). */
public enum Action {
  PULL, PUSH, DELETE;

  public String scopeName() {
    return name().toLowerCase();
  }

  /** The action of a scope word, or null ("*" is handled by the caller). */
  public static Action ofScope(String s) {
    for (Action a : values()) {
      if (a.scopeName().equals(s)) {
        return a;
      }
    }
    return null;
  }
}
