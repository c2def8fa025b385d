package io.wharf.node;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.MountSpec;
import io.wharf.api.volume.VolumeRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves a container's mounts at create: named and anonymous volumes (the image's VOLUMEs and
 * {@code -v /path}) are mounted through volume-service, which counts the reference; bind sources are
 * checked (or created, for {@code -v}); {@code --volumes-from} copies another container's mounts.
 * The resolved mounts are stored in the effective spec, so start needs no service.
 */
final class VolumeAttachments {
  private final NodeContext node;

  VolumeAttachments(NodeContext node) {
    this.node = node;
  }

  /** The effective spec with every mount resolved; volumes referenced by {@code id}. */
  Future<ContainerSpec> resolve(String id, ContainerSpec effective) {
    HostSettings host = effective.host() != null ? effective.host() : HostSettings.defaults();
    List<MountSpec> wanted = new ArrayList<>(volumesFrom(host.volumesFrom()));
    wanted.addAll(host.mounts());
    Set<String> targets = new LinkedHashSet<>();
    wanted.forEach(m -> targets.add(m.target()));
    if (effective.volumes() != null) {
      for (String path : effective.volumes()) {
        if (targets.add(path)) {
          wanted.add(new MountSpec(MountSpec.VOLUME, null, path, false, null, null, null));
        }
      }
    }
    if (wanted.isEmpty()) {
      return Future.succeededFuture(effective);
    }
    Future<List<MountSpec>> done = Future.succeededFuture(new ArrayList<>());
    for (MountSpec m : wanted) {
      done = done.compose(list -> resolveOne(id, m).map(r -> {
        list.add(r);
        return list;
      }));
    }
    return done.map(list -> withMounts(effective, host.withMounts(list)));
  }

  /** The container is gone: drops its volume references (and its anonymous volumes when asked). */
  Future<Void> release(String id, ContainerSpec effective, boolean removeAnonymous) {
    boolean hasVolumes = effective != null && effective.host() != null
        && effective.host().mounts().stream().anyMatch(m -> m.hostPath() != null && isVolume(m));
    if (!hasVolumes) {
      return Future.succeededFuture();
    }
    return Bus.request(node.vertx().eventBus(), Addresses.volumeOnNode(Addresses.VOLUME_RELEASE, node.nodeId()),
        new VolumeRequests.Release(id, removeAnonymous), Json.type(new TypeReference<List<String>>() {}))
        .mapEmpty();
  }

  /** A create failed: drops whatever references it made and its anonymous volumes; never fails. */
  Future<Void> forget(String id) {
    return Bus.request(node.vertx().eventBus(), Addresses.volumeOnNode(Addresses.VOLUME_RELEASE, node.nodeId()), new VolumeRequests.Release(id, true),
        Json.type(new TypeReference<List<String>>() {}))
        .<Void>mapEmpty().recover(t -> Future.succeededFuture());
  }

  private static boolean isVolume(MountSpec m) {
    return MountSpec.VOLUME.equals(m.type()) || (MountSpec.TMPFS.equals(m.type()) && m.source() != null);
  }

  private Future<MountSpec> resolveOne(String id, MountSpec m) {
    if (m.hostPath() != null || MountSpec.TMPFS.equals(m.type())) {
      return Future.succeededFuture(m);
    }
    if (MountSpec.BIND.equals(m.type())) {
      return node.vertx().executeBlocking(() -> checkBindSource(m));
    }
    String name = m.source() == null || m.source().isEmpty() ? null : m.source();
    return Bus.request(node.vertx().eventBus(), Addresses.volumeOnNode(Addresses.VOLUME_MOUNT, node.nodeId()),
        new VolumeRequests.Mount(name, id, name == null), VolumeRequests.Mounted.class)
        .map(mounted -> {
          var v = mounted.volume();
          if ("tmpfs".equals(v.options().get("type"))) {
            String o = v.options().getOrDefault("o", "");
            return new MountSpec(MountSpec.TMPFS, v.name(), m.target(), m.readOnly(), null, o, v.mountpoint());
          }
          return m.resolved(v.name(), v.mountpoint());
        });
  }

  private static MountSpec checkBindSource(MountSpec m) throws java.io.IOException {
    Path source = Path.of(m.source());
    if (!Files.exists(source)) {
      if (!MountSpec.CREATE_SOURCE.equals(m.options())) {
        throw WharfException.invalid("invalid mount config for type \"bind\": bind source path does not exist: "
            + m.source());
      }
      Files.createDirectories(source);
    }
    return m.resolved(m.source(), m.source());
  }

  /** The mounts of the named containers; "name:ro" makes them read-only. */
  private List<MountSpec> volumesFrom(List<String> from) {
    List<MountSpec> out = new ArrayList<>();
    for (String entry : from) {
      String[] parts = entry.split(":", 2);
      boolean ro = parts.length == 2 && "ro".equals(parts[1]);
      ContainerRecord other = node.store().all().stream()
          .filter(r -> r.id().equals(parts[0]) || r.name().equals(parts[0]) || r.id().startsWith(parts[0]))
          .findFirst()
          .orElseThrow(() -> WharfException.notFound("No such container: " + parts[0]));
      for (MountSpec m : other.effective().host().mounts()) {
        out.add(new MountSpec(m.type(), m.source(), m.target(), ro || m.readOnly(), m.propagation(), m.options(),
            MountSpec.VOLUME.equals(m.type()) ? null : m.hostPath()));
      }
    }
    return out;
  }

  private static ContainerSpec withMounts(ContainerSpec spec, HostSettings host) {
    ObjectNode json = Json.MAPPER.valueToTree(spec);
    json.set("host", Json.MAPPER.valueToTree(host));
    return Json.MAPPER.convertValue(json, ContainerSpec.class);
  }

}
