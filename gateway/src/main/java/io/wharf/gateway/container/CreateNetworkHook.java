package io.wharf.gateway.container;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What {@code POST /containers/create} asks of networking besides the spec: {@link #before}
 * checks and completes the body (e.g. resolves {@code container:<name>} to an id) before the
 * container exists; {@link #after} applies {@code NetworkingConfig.EndpointsConfig} (aliases,
 * {@code --ip}, more networks) to the created container and fails if it could not.
 */
public interface CreateNetworkHook {
  Future<JsonObject> before(JsonObject body);

  Future<Void> after(String containerId, JsonObject body);

  CreateNetworkHook NONE = new CreateNetworkHook() {
    @Override
    public Future<JsonObject> before(JsonObject body) {
      return Future.succeededFuture(body);
    }

    @Override
    public Future<Void> after(String containerId, JsonObject body) {
      return Future.succeededFuture();
    }
  };
}
