package io.inferoute.request;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of JSON text tested at once (SWAR: each test is a few arithmetic
 * operations on one {@code long}), for the loops that run over long prompt strings.
 */
final class JsonWords {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;
  private static final long UNDERSCORES = ONES * '_';

  private JsonWords() {}

  /** The eight bytes of {@code b} from {@code i} (which must leave eight before its end). */
  static long at(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  /** True when none of the eight bytes is a quote, a backslash or outside ASCII. */
  static boolean plainAscii(long w) {
    return ((zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES) | w) & HIGHS) == 0;
  }

  /** As {@link #plainAscii}, and none is a control byte either: text a string may hold as is. */
  static boolean plainText(long w) {
    return ((zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES) | (w - SPACES) & ~w | w) & HIGHS)
        == 0;
  }

  /**
   * The high bit of every byte of {@code w} that is an underscore; with {@code w} in little-endian
   * order the lowest set bit marks the first one in memory (a bit above it may be false, none
   * below).
   */
  static long underscoreBytes(long w) {
    return zeroByte(w ^ UNDERSCORES) & HIGHS;
  }

  /** High bit set in (at least) the lowest byte of {@code v} that is zero. */
  private static long zeroByte(long v) {
    return (v - ONES) & ~v;
  }
}
