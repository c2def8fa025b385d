package io.wharf.api.container;

/**
 * One {@code --device host[:container[:perms]]} (Docker's HostConfig.Devices entry).
 *
 * @param cgroupPermissions some of "r", "w", "m"; Docker's default "rwm"
 */
public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {}
