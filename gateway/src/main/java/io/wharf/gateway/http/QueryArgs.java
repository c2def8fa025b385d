package io.wharf.gateway.http;

import io.vertx.core.MultiMap;
import io.wharf.api.WharfException;

/**
 * Typed reads of Docker query parameters. Booleans arrive as {@code 1/0} (CLI), {@code true}
 * (CLI), {@code True/False} (docker-py); an absent or empty parameter means the default.
 */
public final class QueryArgs {
  private final MultiMap params;

  public QueryArgs(MultiMap params) {
    this.params = params;
  }

  public String string(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public boolean flag(String name, boolean dflt) {
    return parseBoolean(name, params.get(name), dflt);
  }

  public Integer integer(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw WharfException.invalid("invalid value for " + name + ": " + v);
    }
  }

  public int integer(String name, int dflt) {
    Integer v = integer(name);
    return v == null ? dflt : v;
  }

  public java.util.List<String> all(String name) {
    return params.getAll(name);
  }

  /** Docker's boolean query parsing (strconv.ParseBool accepts 1,t,T,TRUE,true,True and the false forms). */
  public static boolean parseBoolean(String name, String value, boolean dflt) {
    if (value == null || value.isEmpty()) {
      return dflt;
    }
    switch (value) {
      case "1", "t", "T", "true", "TRUE", "True":
        return true;
      case "0", "f", "F", "false", "FALSE", "False":
        return false;
      default:
        throw WharfException.invalid("invalid boolean value for " + name + ": " + value);
    }
  }
}
