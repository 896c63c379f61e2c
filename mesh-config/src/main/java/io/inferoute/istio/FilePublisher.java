package io.inferoute.istio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes one DestinationRule per file ({@code <namespace>.<name>.yaml}) holding the host and the
 * locality setting only, for a GitOps repository to apply beside the rule's other fields.
 *
 * <p>The file is written to a temporary file in the same directory and moved over the old one with
 * {@code ATOMIC_MOVE}, so a reader (a Git commit, a sync agent) sees the old or the new file, never
 * half of one.
 */
final class FilePublisher implements LocalityLbPublisher {

  private final Path directory;

  FilePublisher(Path directory) {
    this.directory = directory;
  }

  @Override
  public PublishReceipt publish(DestinationRuleTarget target, LocalityLbSetting setting) throws PublishException {
    LocalityLbValidator.Findings findings = LocalityLbValidator.check(setting, true);
    if (!findings.valid()) {
      throw new PublishException(PublishOutcome.INVALID, target.ref() + ": " + findings.errors());
    }
    Path file = directory.resolve(target.namespace() + "." + target.name() + ".yaml");
    String yaml = Yaml.write(DestinationRules.weightsOnly(target, setting));
    try {
      if (Files.isRegularFile(file) && Files.readString(file).equals(yaml)) {
        return new PublishReceipt(PublishOutcome.UNCHANGED, List.of());
      }
      Files.createDirectories(directory);
      writeAtomically(file, yaml);
      return new PublishReceipt(PublishOutcome.APPLIED, List.of());
    } catch (IOException e) {
      throw new PublishException(PublishOutcome.ERROR, target.ref() + ": cannot write " + file + ": " + e, e);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("atomic move: not supported in " + file.getParent()
            + " (expected: a local file system)", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
