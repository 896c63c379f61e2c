package io.inferoute.telemetry;

/**
 * Heap-size estimates for the footprint bounds documented in this package, for a 64-bit JVM with
 * compressed references (12-byte headers, 16-byte array headers, 8-byte alignment); small objects
 * are counted as {@link #OBJECT} each, a generous round figure.
 */
final class Footprint {
  /** Upper estimate of one small object: header plus a few fields. */
  static final long OBJECT = 48;

  private Footprint() {}

  /** Size of an array of {@code length} elements of {@code elementBytes} bytes each. */
  static long array(long length, int elementBytes) {
    return align(16 + length * elementBytes);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
