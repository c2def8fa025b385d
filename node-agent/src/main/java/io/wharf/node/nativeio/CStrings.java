package io.wharf.node.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * NUL-terminated strings in native memory, for raw {@code syscall(2)} arguments which JNA cannot
 * marshal from a String (varargs of syscall are all passed as longs). The memory lives until
 * {@link #close()}, so an address stays valid for every call made inside the try block.
 */
final class CStrings implements AutoCloseable {
  private final List<Memory> held = new ArrayList<>();

  /** The address of a native copy of {@code s}. */
  long address(String s) {
    byte[] bytes = Native.toByteArray(s, StandardCharsets.UTF_8);
    Memory memory = new Memory(bytes.length);
    memory.write(0, bytes, 0, bytes.length);
    held.add(memory);
    return Pointer.nativeValue(memory);
  }

  @Override
  public void close() {
    held.forEach(Memory::close);
    held.clear();
  }
}
