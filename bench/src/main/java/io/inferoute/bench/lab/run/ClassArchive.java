package io.inferoute.bench.lab.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * A dynamic class-data-sharing archive (JDK 13+, {@code -XX:ArchiveClassesAtExit}) for the lab's
 * gateway children. Every run starts fresh gateway processes, and a child spends much of its
 * start-up loading classes from the bench jar: the first child of a lab writes the archive when it
 * exits, later children map it (about 2.8 s → 1.6 s to readiness, measured by hand on the 2-core
 * machine). It changes class loading only, never what a measured run executes. An archive older
 * than any classpath entry is written again; a JVM that cannot use the archive starts without it.
 */
final class ClassArchive {
  private final Path file;
  private final List<Path> classpath;
  private boolean requested;

  ClassArchive(Path file, String classpath) {
    this.file = file;
    this.classpath = java.util.Arrays.stream(classpath.split(File.pathSeparator))
        .filter(s -> !s.isEmpty()).map(Path::of).toList();
  }

  /** The JVM options for the next child: use the archive, or (once per lab) write it. */
  synchronized List<String> jvmOptions() {
    if (isCurrent()) {
      return List.of("-XX:SharedArchiveFile=" + file);
    }
    if (requested) {
      return List.of(); // a child is writing it, or writing it failed: start without
    }
    requested = true;
    try {
      Files.deleteIfExists(file);
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the class archive " + file, e);
    }
    return List.of("-XX:ArchiveClassesAtExit=" + file);
  }

  private boolean isCurrent() {
    try {
      if (!Files.isRegularFile(file)) {
        return false;
      }
      FileTime archived = Files.getLastModifiedTime(file);
      for (Path entry : classpath) {
        if (!Files.exists(entry) || Files.getLastModifiedTime(entry).compareTo(archived) > 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
