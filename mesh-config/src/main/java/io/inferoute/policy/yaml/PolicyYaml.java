package io.inferoute.policy.yaml;

import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.RoutingPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one routing-policy document; {@link io.inferoute.policy.PolicyLoader} is the public face.
 */
public final class PolicyYaml {
  /** Largest policy file accepted, in bytes (4 MiB). */
  public static final int MAX_BYTES = YamlDocument.MAX_BYTES;

  private PolicyYaml() {}

  /** Reads a file's bytes: strict UTF-8, at most {@link #MAX_BYTES}. */
  public static PolicyLoadResult read(byte[] bytes, String file) {
    Problems problems = new Problems(file);
    Node root = YamlDocument.compose(bytes, problems);
    return result(root, problems, sha256(bytes));
  }

  /** Reads text already in memory. */
  public static PolicyLoadResult parse(String text, String file) {
    Problems problems = new Problems(file);
    Node root = YamlDocument.compose(text, problems);
    return result(root, problems, sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static PolicyLoadResult result(@org.jspecify.annotations.Nullable Node root,
      Problems problems, String sha256) {
    RoutingPolicy policy = null;
    if (root != null) {
      PolicyMapper.Mapped mapped = new PolicyMapper(new NodeReader(problems)).map(root);
      if (mapped != null && problems.errorCount() == 0) {
        policy = mapped.policy();
        new PolicyWarnings(problems, policy).check(mapped);
      }
    }
    if (policy == null && problems.errorCount() == 0) {
      // Defensive: a mapper path that failed without saying why must still not pass.
      problems.fileError("invalid policy (no detail available)");
    }
    return new PolicyLoadResult(problems.file(), problems.errorCount() == 0 ? policy : null,
        problems.errors(), problems.warnings(), sha256);
  }

  /** Hex SHA-256, used to skip reloads of unchanged content and to identify the active policy. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
