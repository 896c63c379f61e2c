package io.inferoute.affinity;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * Hashes the leading blocks of a prompt into a chain, as the approximate prefix-cache scorers of
 * the Gateway API Inference Extension and llm-d do: block i's hash covers block i and, through
 * block i-1's hash, everything before it, so equal hashes at position i mean equal prefixes.
 *
 * <p>The hash function is komihash 5.0 from hash4j (fast on short inputs, 64-bit, well tested),
 * fed as one stream per block: {@code out[i] = hash(out[i-1] or the model seed ‖ chars of block
 * i)}. The prompt itself is never copied: each block's characters are read into a per-thread
 * buffer of {@code blockChars} (with {@code String.getChars}, an intrinsic, for strings and
 * builders) and the per-thread stream is reset, so hashing allocates nothing once warm.
 */
public final class PrefixHasher {
  private static final Hasher64 HASHER = Hashing.komihash5_0();
  // A distinct seed keeps model seeds out of the space of block hashes.
  private static final Hasher64 MODEL_HASHER = Hashing.komihash5_0(0x6d6f_6465_6c5f_7365L);
  private static final ThreadLocal<BlockBuffer> BUFFER = ThreadLocal.withInitial(BlockBuffer::new);

  /** A thread's reusable hash stream and block buffer. */
  private static final class BlockBuffer {
    final HashStream64 stream = HASHER.hashStream();
    char[] chars = new char[64];

    char[] ensure(int length) {
      if (chars.length < length) {
        chars = new char[length];
      }
      return chars;
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
    char[] chars = buffer.ensure(blockChars);
    HashStream64 stream = buffer.stream;
    long previous = modelSeed;
    for (int i = 0; i < blocks; i++) {
      copyBlock(prompt, i * blockChars, blockChars, chars);
      previous = stream.reset().putLong(previous).putChars(chars, 0, blockChars).getAsLong();
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
