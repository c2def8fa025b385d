package io.wharf.node.runtime;

/** A container created by conmon + runc and not yet started: its init pid and its shim's pid. */
public record CreatedProcess(int pid, int conmonPid) {}
