package io.wharf.gateway.container;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import java.util.Collection;

/**
 * Resolves what a user typed ({@code docker stop web}, {@code docker rm 3f2a}) to one container,
 * the way dockerd does: exact full id, then exact name (with or without the leading slash), then
 * a unique id prefix. Pure: the caller supplies the containers.
 */
public final class ContainerDirectory {
  private ContainerDirectory() {}

  /**
   * @throws WharfException NOT_FOUND {@code No such container: X}; INVALID_ARGUMENT
   *     {@code Multiple IDs found with provided prefix: X} for an ambiguous prefix
   */
  public static ContainerSummary resolve(Collection<ContainerSummary> containers, String idOrName) {
    if (idOrName == null || idOrName.isEmpty()) {
      throw WharfException.notFound("No such container: " + idOrName);
    }
    for (ContainerSummary c : containers) {
      if (c.id().equals(idOrName)) {
        return c;
      }
    }
    String name = idOrName.startsWith("/") ? idOrName.substring(1) : idOrName;
    for (ContainerSummary c : containers) {
      if (name.equals(c.name())) {
        return c;
      }
    }
    return byPrefix(containers, idOrName);
  }

  private static ContainerSummary byPrefix(Collection<ContainerSummary> containers, String prefix) {
    ContainerSummary found = null;
    for (ContainerSummary c : containers) {
      if (c.id().startsWith(prefix)) {
        if (found != null) {
          throw WharfException.invalid("Multiple IDs found with provided prefix: " + prefix);
        }
        found = c;
      }
    }
    if (found == null) {
      throw WharfException.notFound("No such container: " + prefix);
    }
    return found;
  }
}
