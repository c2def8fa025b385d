package io.wharf.launcher;

import java.util.Locale;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes every logger through SLF4J (slf4j-simple at runtime) and sets levels. Must run before
 * the first logger is created: slf4j-simple reads its system properties once. A property the user
 * set with -D wins.
 *
 * <p>{@code -Dwharf.log=debug} (or trace, info, warn, error) sets Wharf's level; Hazelcast and
 * Netty stay at WARN and Vert.x at INFO unless set explicitly.
 */
final class LogSetup {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogSetup() {}

  static void configure() {
    String level = System.getProperty("wharf.log", "info").toLowerCase(Locale.ROOT);
    setDefault(PREFIX + "defaultLogLevel", "info");
    setDefault(PREFIX + "log.io.wharf", level);
    setDefault(PREFIX + "log.com.hazelcast", "warn");
    setDefault(PREFIX + "log.io.netty", "warn");
    // Vert.x uses no CP data structures; Hazelcast warns about "UNSAFE mode" on every start.
    setDefault(PREFIX + "log.com.hazelcast.cp.CPSubsystem", "error");
    setDefault(PREFIX + "log.io.vertx", level.equals("trace") || level.equals("debug") ? "debug" : "info");
    setDefault(PREFIX + "showDateTime", "true");
    setDefault(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setDefault(PREFIX + "showShortLogName", "true");
    setDefault(PREFIX + "levelInBrackets", "true");
    setDefault("hazelcast.logging.type", "slf4j");
    setDefault("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
