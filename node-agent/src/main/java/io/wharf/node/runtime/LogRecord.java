package io.wharf.node.runtime;

/**
 * One log record: a full line (partial pieces already joined) with its trailing newline, or a
 * trailing partial piece without one.
 *
 * @param stream "stdout" or "stderr"
 * @param timeNanos Unix epoch nanoseconds of the (first piece of the) record
 */
public record LogRecord(String stream, long timeNanos, byte[] bytes) {}
