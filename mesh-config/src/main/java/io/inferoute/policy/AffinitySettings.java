package io.inferoute.policy;

import io.inferoute.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Prompt-prefix (KV-cache) and session affinity for a route.
 *
 * @param blockChars characters per prefix block (a block approximates a server's KV-cache page)
 * @param maxBlocks blocks hashed at most per prompt, bounding work and memory per request
 * @param sessionHeader a header whose value pins a session to one endpoint, or null
 * @param boundedLoadEpsilon an endpoint whose load exceeds (1 + ε) × the candidates' mean loses
 *     its affinity claim (consistent hashing with bounded loads)
 */
public record AffinitySettings(
    int blockChars, int maxBlocks, @Nullable String sessionHeader, double boundedLoadEpsilon) {
  public static final AffinitySettings DEFAULT = new AffinitySettings(64, 256, null, 0.25);

  public AffinitySettings {
    Checks.between("affinity.prefix.blockChars", blockChars, 1, 65_536);
    Checks.between("affinity.prefix.maxBlocks", maxBlocks, 0, 65_536);
    Checks.nonNegative("affinity.boundedLoadEpsilon", boundedLoadEpsilon);
  }
}
