package io.wharf.registry.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-repository access rules, from config {@code auth.access}: a list of
 * {@code {"repository": "team/*", "users": ["alice", "*", "anonymous"], "actions": ["pull", "push", "delete"]}}.
 * The first rule whose repository pattern ({@code *} = any characters, "/" included) matches and
 * whose users list names the user ({@code "*"} = any authenticated user, {@code "anonymous"} =
 * the anonymous user) decides. No rule configured = everyone may do everything; rules configured
 * but none matching = nothing. Pure, immutable.
 */
public final class AccessRules {
  public static final String ANONYMOUS = "anonymous";

  private record Rule(Pattern repository, List<String> users, Set<Action> actions) {}

  private final List<Rule> rules;

  private AccessRules(List<Rule> rules) {
    this.rules = rules;
  }

  public static AccessRules allowAll() {
    return new AccessRules(List.of());
  }

  /** Every authenticated user may do everything; anonymous nothing (credentials on, no rules). */
  public static AccessRules authenticatedOnly() {
    return fromConfig(new JsonArray().add(new JsonObject().put("repository", "*").put("users", new JsonArray().add("*"))
        .put("actions", new JsonArray().add("*"))));
  }

  public static AccessRules fromConfig(JsonArray access) {
    if (access == null || access.isEmpty()) {
      return allowAll();
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < access.size(); i++) {
      JsonObject r = access.getJsonObject(i);
      Set<Action> actions = EnumSet.noneOf(Action.class);
      for (Object a : r.getJsonArray("actions", new JsonArray())) {
        Action action = Action.ofScope(String.valueOf(a));
        if (action == null && !"*".equals(a)) {
          throw new IllegalArgumentException("auth.access[" + i + "]: unknown action \"" + a + "\"");
        }
        actions.addAll(action == null ? EnumSet.allOf(Action.class) : EnumSet.of(action));
      }
      List<String> users = r.getJsonArray("users", new JsonArray().add("*")).stream().map(String::valueOf).toList();
      rules.add(new Rule(glob(r.getString("repository", "*")), users, actions));
    }
    return new AccessRules(List.copyOf(rules));
  }

  /** What {@code user} (null or {@link #ANONYMOUS} = anonymous) may do in {@code repository}. */
  public Set<Action> allowed(String user, String repository) {
    if (rules.isEmpty()) {
      return EnumSet.allOf(Action.class);
    }
    String who = user == null ? ANONYMOUS : user;
    for (Rule r : rules) {
      if (r.repository().matcher(repository).matches() && names(r.users(), who)) {
        return r.actions().isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(r.actions());
      }
    }
    return EnumSet.noneOf(Action.class);
  }

  private static boolean names(List<String> users, String who) {
    return users.contains(who) || (!who.equals(ANONYMOUS) && users.contains("*"));
  }

  static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      if (!parts[i].isEmpty()) {
        re.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(re.toString());
  }
}
