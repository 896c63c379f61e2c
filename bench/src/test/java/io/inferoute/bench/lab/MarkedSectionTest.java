package io.inferoute.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferoute.bench.lab.MarkedSection.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkedSectionTest {
  private static final String B = "<!-- lab:begin -->";
  private static final String E = "<!-- lab:end -->";

  @Test
  void replacesOnlyTheTextBetweenTheMarkers() {
    String doc = "# Title\n\nbefore\n" + B + "\nold\nlines\n" + E + "\nafter\n";
    assertThat(MarkedSection.replace(doc, B, E, "new", Placement.APPEND, "Lab"))
        .isEqualTo("# Title\n\nbefore\n" + B + "\nnew\n" + E + "\nafter\n");
  }

  @Test
  void replacingTwiceChangesNothingMore() {
    String doc = "intro\n" + B + "\nold\n" + E + "\n";
    String once = MarkedSection.replace(doc, B, E, "table\n", Placement.APPEND, "Lab");
    assertThat(MarkedSection.replace(once, B, E, "table\n", Placement.APPEND, "Lab"))
        .isEqualTo(once);
  }

  @Test
  void appendsTheMarkersWhenAbsent() {
    assertThat(MarkedSection.replace("# Bench\n\ntext\n", B, E, "lab", Placement.APPEND, "Lab"))
        .isEqualTo("# Bench\n\ntext\n\n" + B + "\nlab\n" + E + "\n");
  }

  @Test
  void insertsASectionBeforeTheLastOneWhenAbsent() {
    String readme = "# X\n\n## Use\n\nuse it\n\n```\n## not a heading\n```\n\n## Docs\n\nlinks\n";
    assertThat(MarkedSection.replace(readme, B, E, "| t |", Placement.BEFORE_LAST_SECTION, "Lab"))
        .isEqualTo("# X\n\n## Use\n\nuse it\n\n```\n## not a heading\n```\n\n## Lab\n\n" + B
            + "\n| t |\n" + E + "\n\n## Docs\n\nlinks\n");
  }

  @Test
  void refusesALoneMarker() {
    assertThatThrownBy(() -> MarkedSection.replace("x\n" + E + "\n", B, E, "y", Placement.APPEND,
        "Lab")).hasMessageStartingWith("markers: begin at -1, end at 2 (expected: both");
  }

  @Test
  void rewritesAFileKeepingTheRest(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("doc.md");
    Files.writeString(file, "keep me\n");
    MarkedSection.replaceInFile(file, B, E, "one", Placement.APPEND, "Lab");
    MarkedSection.replaceInFile(file, B, E, "two", Placement.APPEND, "Lab");
    assertThat(Files.readString(file)).isEqualTo("keep me\n\n" + B + "\ntwo\n" + E + "\n");
  }
}
