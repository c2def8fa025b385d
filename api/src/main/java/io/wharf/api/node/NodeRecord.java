package io.wharf.api.node;

import java.util.Map;

/**
 * A node agent's entry in {@link io.wharf.api.ClusterMaps#NODES}, refreshed by its heartbeat.
 *
 * @param nodeId stable id of the node (its name unless configured otherwise)
 * @param httpUrl base URL of the node's internal HTTP endpoint, e.g. "http://127.0.0.1:43211"
 * @param memTotal bytes
 * @param heartbeatMillis wall-clock time of the last heartbeat
 */
public record NodeRecord(
    String nodeId,
    String name,
    String httpUrl,
    int ncpu,
    long memTotal,
    String kernelVersion,
    String operatingSystem,
    Map<String, String> labels,
    long heartbeatMillis) {}
