package io.inferoute.affinity;

import com.dynatrace.hash4j.hashing.Hasher64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * Hashes the leading blocks of a prompt into a chain, as the approximate prefix-cache scorers of
 * the Gateway API Inference Extension and llm-d do: block i's hash covers block i and, through
 * block i-1's hash, everything before it, so equal hashes at position i mean equal prefixes.
 *
 * <p>The hash function is komihash 5.0 from hash4j (fast on short inputs, 64-bit, well tested):
 * {@code out[i] = hash(out[i-1] or the model seed, hash(UTF-16LE bytes of block i))}. The prompt
 * itself is never copied whole: each block's characters are read into a per-thread buffer (with
 * {@code String.getChars}, an intrinsic, for strings and builders) and laid out as bytes for
 * hash4j's bulk byte path, which measured faster than its per-character stream; hashing allocates
 * nothing once warm.
 */
public final class PrefixHasher {
  private static final Hasher64 HASHER = Hashing.komihash5_0();
  // A distinct seed keeps model seeds out of the space of block hashes.
  private static final Hasher64 MODEL_HASHER = Hashing.komihash5_0(0x6d6f_6465_6c5f_7365L);
  private static final ThreadLocal<BlockBuffer> BUFFER = ThreadLocal.withInitial(BlockBuffer::new);

  /** A thread's reusable block buffers: chars, and the same memory seen as UTF-16LE bytes. */
  private static final class BlockBuffer {
    char[] chars = new char[64];
    byte[] bytes = new byte[128];
    CharBuffer view = view(bytes);

    void ensure(int length) {
      if (chars.length < length) {
        chars = new char[length];
        bytes = new byte[2 * length];
        view = view(bytes);
      }
    }

    private static CharBuffer view(byte[] bytes) {
      return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
    }
  }

  private PrefixHasher() {}

  /** Seed derived from the model name so the same text under different models never collides. */
  public static long modelSeed(String model) {
    return MODEL_HASHER.hashCharsToLong(model);
  }

  /**
   * Chained 64-bit hashes of the complete blocks of blockChars characters at the start of prompt
   * (at most maxBlocks, at most out.length): {@code out[i] = hash(out[i-1] (or the seed for i=0),
   * chars of block i)}; a partial last block is not hashed.
   *
   * @return the number of blocks written
   * @throws IllegalArgumentException if blockChars is not positive or maxBlocks is negative
   */
  public static int hashBlocks(
      CharSequence prompt, long modelSeed, int blockChars, int maxBlocks, long[] out) {
    if (blockChars <= 0) {
      throw new IllegalArgumentException("blockChars: " + blockChars + " (expected: > 0)");
    }
    if (maxBlocks < 0) {
      throw new IllegalArgumentException("maxBlocks: " + maxBlocks + " (expected: >= 0)");
    }
    int blocks = Math.min(Math.min(maxBlocks, out.length), prompt.length() / blockChars);
    BlockBuffer buffer = BUFFER.get();
    buffer.ensure(blockChars);
    char[] chars = buffer.chars;
    byte[] bytes = buffer.bytes;
    CharBuffer view = buffer.view;
    long previous = modelSeed;
    for (int i = 0; i < blocks; i++) {
      copyBlock(prompt, i * blockChars, blockChars, chars);
      view.clear();
      view.put(chars, 0, blockChars); // a bulk copy: memory order on little-endian machines
      previous = HASHER.hashLongLongToLong(previous, HASHER.hashBytesToLong(bytes, 0, 2 * blockChars));
      out[i] = previous;
    }
    return blocks;
  }

  private static void copyBlock(CharSequence prompt, int start, int length, char[] into) {
    if (prompt instanceof String s) {
      s.getChars(start, start + length, into, 0);
    } else if (prompt instanceof StringBuilder sb) {
      sb.getChars(start, start + length, into, 0);
    } else {
      for (int k = 0; k < length; k++) {
        into[k] = prompt.charAt(start + k);
      }
    }
  }
}
