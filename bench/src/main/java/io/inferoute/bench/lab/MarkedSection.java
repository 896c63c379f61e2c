package io.inferoute.bench.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces the text between two marker lines of a document, leaving the rest byte for byte; adds
 * the markers where the document has none. Running it twice with the same content changes nothing.
 */
public final class MarkedSection {
  private MarkedSection() {}

  /** Where to put the markers when a document has none. */
  public enum Placement {
    /** At the end of the document. */
    APPEND,
    /** As a new {@code ## heading} section just before the document's last {@code ## } section. */
    BEFORE_LAST_SECTION
  }

  /**
   * {@code document} with {@code content} between {@code begin} and {@code end}.
   *
   * @param heading the section heading used with {@link Placement#BEFORE_LAST_SECTION}
   * @throws IllegalArgumentException if only one marker is present, or end comes before begin
   */
  public static String replace(String document, String begin, String end, String content,
      Placement placement, String heading) {
    String body = content.endsWith("\n") ? content : content + "\n";
    int b = document.indexOf(begin);
    int e = document.indexOf(end);
    if (b < 0 && e < 0) {
      return insert(document, begin + "\n" + body + end + "\n", placement, heading);
    }
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("markers: begin at " + b + ", end at " + e
          + " (expected: both, " + begin + " first)");
    }
    int from = b + begin.length();
    return document.substring(0, from) + "\n" + body + document.substring(e);
  }

  /** Rewrites {@code file} (created if missing) with {@code content} between the markers. */
  public static void replaceInFile(Path file, String begin, String end, String content,
      Placement placement, String heading) throws IOException {
    String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String updated = replace(document, begin, end, content, placement, heading);
    if (!updated.equals(document)) {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
  }

  private static String insert(String document, String block, Placement placement, String heading) {
    if (placement == Placement.BEFORE_LAST_SECTION) {
      int last = lastSection(document);
      if (last >= 0) {
        return document.substring(0, last) + "## " + heading + "\n\n" + block + "\n"
            + document.substring(last);
      }
    }
    String separator = document.isEmpty() || document.endsWith("\n\n") ? ""
        : document.endsWith("\n") ? "\n" : "\n\n";
    return document + separator + block;
  }

  // The start of the last line beginning with "## " outside fenced code blocks.
  private static int lastSection(String document) {
    int last = -1;
    boolean fenced = false;
    int lineStart = 0;
    while (lineStart < document.length()) {
      int next = document.indexOf('\n', lineStart);
      int lineEnd = next < 0 ? document.length() : next;
      String line = document.substring(lineStart, lineEnd);
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("## ")) {
        last = lineStart;
      }
      lineStart = lineEnd + 1;
    }
    return last;
  }
}
