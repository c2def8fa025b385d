package io.wharf.api;

/**
 * The internal HTTP endpoints that carry byte streams between services (the event bus carries
 * control messages only). Each request carries the cluster token in {@link #TOKEN_HEADER}.
 *
 * <p>Node agent (base URL in {@link io.wharf.api.node.NodeRecord#httpUrl()}): the paths below
 * answer exactly like the Docker Engine API routes of the same name, for containers the node owns
 * ({id} is always the full 64-hex id):
 * <ul>
 *   <li>{@code GET  /internal/v1/containers/{id}/logs?...} same query as Docker</li>
 *   <li>{@code GET  /internal/v1/containers/{id}/attach?...} with {@code Connection: Upgrade} and
 *       {@code Upgrade: tcp}: answered with 101 and then the raw attach stream (Docker's framing).
 *       GET, not Docker's POST, so that a standard HTTP upgrade serves it; the client may half-close.</li>
 *   <li>{@code POST /internal/v1/containers/{id}/wait?condition=...} head at once, body at exit</li>
 *   <li>{@code GET  /internal/v1/containers/{id}/stats?stream=&one-shot=} Docker's stats JSON (stream)</li>
 *   <li>{@code GET  /internal/v1/exec/{execId}/start?detach=} (Docker's body {@code Detach} as a
 *       query flag): with {@code Connection: Upgrade}, 101 then the exec's stream, closed only after
 *       the exec's exit code is recorded; {@code detach=1}: plain 200 once the process runs</li>
 *   <li>{@code HEAD|GET|PUT /internal/v1/containers/{id}/archive?path=&container=<name as given>...}
 *       docker cp, with the X-Docker-Container-Path-Stat header</li>
 *   <li>{@code GET /internal/v1/containers/{id}/export}, {@code GET .../changes}</li>
 *   <li>{@code POST /internal/v1/containers/{id}/commit?repo=&tag=&comment=&author=&changes=&pause=}
 *       {@code {"Id":"sha256:..."}}: the node tars the writable layer and hands it to the registry</li>
 * </ul>
 *
 * <p>Registry (base URL in {@link ClusterMaps.ClusterKeys#REGISTRY_URL}):
 * <ul>
 *   <li>{@code POST /internal/v1/images/load?quiet=} tar body, Docker's JSON message stream back</li>
 *   <li>{@code POST /internal/v1/images/import?repo=&tag=&changes=&message=} tar body, JSON stream back</li>
 *   <li>{@code GET  /internal/v1/images/get?names=...} a tar that {@code docker load} reads</li>
 *   <li>{@code POST /internal/v1/images/commit?parent=&container=&repo=&tag=&comment=&author=&changes=}
 *       layer tar body, container Config in {@link #COMMIT_CONFIG_HEADER}; {@code {"Id":"sha256:..."}}</li>
 *   <li>{@code GET  /internal/v1/blobs/{digest}} the blob's bytes</li>
 * </ul>
 */
public final class InternalHttp {
  private InternalHttp() {}

  public static final String TOKEN_HEADER = "X-Wharf-Token";
  public static final String PREFIX = "/internal/v1";
  /** docker commit, node to registry: the container's Config as base64 JSON. */
  public static final String COMMIT_CONFIG_HEADER = "X-Wharf-Container-Config";

  public static String containerPath(String id, String op) {
    return PREFIX + "/containers/" + id + "/" + op;
  }

  public static String execPath(String execId, String op) {
    return PREFIX + "/exec/" + execId + "/" + op;
  }

  /** docker build on a node (see the class comment). */
  public static final String BUILD_PATH = PREFIX + "/build";

  public static String blobPath(String digest) {
    return PREFIX + "/blobs/" + digest;
  }
}
