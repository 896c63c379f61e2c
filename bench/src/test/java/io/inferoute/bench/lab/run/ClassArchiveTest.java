package io.inferoute.bench.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
  @TempDir Path dir;

  @Test
  void theFirstChildWritesTheArchiveAndLaterOnesUseIt() throws Exception {
    Path jar = touch(dir.resolve("bench.jar"), 100);
    Path archive = dir.resolve("lab/classes.jsa");
    ClassArchive classes = new ClassArchive(archive, jar.toString());

    assertThat(classes.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
    assertThat(archive.getParent()).isDirectory();
    assertThat(classes.jvmOptions()).as("not written yet: the next child starts without").isEmpty();

    touch(archive, 200);
    assertThat(classes.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void anArchiveOlderThanTheClasspathIsWrittenAgain() throws Exception {
    Path jar = touch(dir.resolve("bench.jar"), 300);
    Path other = touch(dir.resolve("other.jar"), 100);
    Path archive = touch(dir.resolve("classes.jsa"), 200);
    ClassArchive classes = new ClassArchive(archive, other + File.pathSeparator + jar);

    assertThat(classes.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
    assertThat(archive).as("the stale archive is removed before a child writes it").doesNotExist();
  }

  @Test
  void aMissingClasspathEntryMeansTheArchiveCannotBeTrusted() throws Exception {
    Path archive = touch(dir.resolve("classes.jsa"), 200);
    ClassArchive classes = new ClassArchive(archive, dir.resolve("gone.jar").toString());

    assertThat(classes.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=" + archive);
  }

  private static Path touch(Path file, long epochSecond) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return file;
  }
}
