package io.wharf.api.event;

import java.util.Map;

/**
 * One state change, published on {@link io.wharf.api.Addresses#EVENTS} in Docker's event shape.
 *
 * @param type "container", "image", "volume", "network"
 * @param action e.g. "create", "start", "die", "tag"
 * @param actorId container id, image id or name, volume name, network id
 * @param attributes e.g. name, image, exitCode, signal
 * @param timeNano Unix epoch nanoseconds
 * @param nodeId the node where it happened
 */
public record WharfEvent(String type, String action, String actorId, Map<String, String> attributes,
    long timeNano, String nodeId) {}
