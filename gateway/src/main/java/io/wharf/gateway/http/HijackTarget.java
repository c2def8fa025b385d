package io.wharf.gateway.http;

import io.vertx.core.buffer.Buffer;

/**
 * Where a hijacked stream goes: a node's internal HTTP endpoint and the request to send it.
 *
 * @param method "GET" for the node's attach (a standard HTTP upgrade, see InternalHttp)
 * @param pathAndQuery e.g. "/internal/v1/containers/<id>/attach?stream=1&stdout=1"
 * @param body request body (exec start sends JSON), empty for attach
 */
public record HijackTarget(String method, String host, int port, String pathAndQuery, String token, Buffer body,
    String contentType) {

  /** The HTTP/1.1 request head (and body) asking the node to upgrade. */
  public Buffer request() {
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Upgrade: tcp\r\n")
        .append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (token != null) {
      head.append(io.wharf.api.InternalHttp.TOKEN_HEADER).append(": ").append(token).append("\r\n");
    }
    head.append("\r\n");
    Buffer out = Buffer.buffer(head.toString());
    return body == null ? out : out.appendBuffer(body);
  }
}
