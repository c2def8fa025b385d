package io.wharf.node.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.shareddata.AsyncMap;
import io.wharf.api.ClusterMaps;
import io.wharf.api.Json;
import io.wharf.api.network.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS for user networks, served by the node agent on each bridge's gateway address, port 53:
 * container names, network aliases and id prefixes of the containers on that network resolve
 * from the cluster's endpoint map (so from every node); anything else is relayed to the host's
 * first resolver. Containers get {@code nameserver <gateway>} in their resolv.conf.
 */
public final class EmbeddedDns {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDns.class);
  private static final long FORWARD_TIMEOUT_MS = 4_000;

  private final Vertx vertx;
  private final String upstream;
  private final Map<String, DatagramSocket> sockets = new ConcurrentHashMap<>();

  public EmbeddedDns(Vertx vertx, String upstream) {
    this.vertx = vertx;
    this.upstream = upstream;
  }

  /** The first nameserver of a resolv.conf, or null. */
  public static String firstNameserver(Path resolvConf) {
    try {
      for (String line : Files.readAllLines(resolvConf, StandardCharsets.UTF_8)) {
        String[] w = line.trim().split("\\s+");
        if (w.length >= 2 && w[0].equals("nameserver")) {
          return w[1];
        }
      }
    } catch (java.io.IOException e) {
      LOG.debug("cannot read {}: {}", resolvConf, e.getMessage());
    }
    return null;
  }

  /** Starts answering on {@code gateway:53} for {@code networkId}; already serving is fine. */
  public synchronized Future<Void> serve(String gateway, String networkId) {
    if (sockets.containsKey(gateway)) {
      return Future.succeededFuture();
    }
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(p -> answer(socket, p, networkId));
    sockets.put(gateway, socket);
    return socket.listen(53, gateway).<Void>mapEmpty()
        .onFailure(t -> sockets.remove(gateway, socket));
  }

  public synchronized void stop(String gateway) {
    DatagramSocket s = sockets.remove(gateway);
    if (s != null) {
      s.close();
    }
  }

  private void answer(DatagramSocket socket, DatagramPacket packet, String networkId) {
    byte[] query = packet.data().getBytes();
    DnsMessage.Question q = DnsMessage.question(query);
    if (q == null) {
      return;
    }
    lookup(networkId, q.name()).onSuccess(addresses -> {
      if (!addresses.isEmpty()) {
        List<Integer> answers = q.type() == DnsMessage.TYPE_A ? addresses : List.of();
        reply(socket, packet, DnsMessage.reply(query, q, answers, false));
      } else if (upstream != null && q.name().contains(".")) {
        forward(socket, packet);
      } else {
        reply(socket, packet, DnsMessage.reply(query, q, List.of(), true));
      }
    });
  }

  private static void reply(DatagramSocket socket, DatagramPacket to, byte[] data) {
    socket.send(Buffer.buffer(data), to.sender().port(), to.sender().host());
  }

  private Future<List<Integer>> lookup(String networkId, String name) {
    return vertx.sharedData().<String, String>getAsyncMap(ClusterMaps.NETWORK_ENDPOINTS)
        .compose(AsyncMap::values)
        .map(values -> values.stream().map(v -> Json.read(v, Endpoint.class))
            .filter(e -> e.networkId().equals(networkId) && matches(e, name))
            .map(e -> io.wharf.node.net.Ipv4Text.parse(e.ipv4()))
            .toList());
  }

  static boolean matches(Endpoint e, String name) {
    return name.equalsIgnoreCase(e.containerName())
        || e.aliases().stream().anyMatch(name::equalsIgnoreCase)
        || (name.length() >= 12 && e.containerId().startsWith(name));
  }

  private void forward(DatagramSocket socket, DatagramPacket packet) {
    DatagramSocket relay = vertx.createDatagramSocket();
    long timer = vertx.setTimer(FORWARD_TIMEOUT_MS, t -> relay.close());
    relay.handler(answer -> {
      vertx.cancelTimer(timer);
      socket.send(answer.data(), packet.sender().port(), packet.sender().host());
      relay.close();
    });
    relay.send(packet.data(), 53, upstream).onFailure(t -> {
      vertx.cancelTimer(timer);
      relay.close();
    });
  }
}
