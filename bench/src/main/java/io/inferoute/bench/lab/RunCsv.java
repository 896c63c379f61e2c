package io.inferoute.bench.lab;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The raw record of a run: one CSV line per request, as the client saw it. */
final class RunCsv {
  static final String HEADER = "index,arrival_ms,session,origin,interactive,prompt_chars,max_tokens,"
      + "status,sent_ms,ttft_ms,e2e_ms,prompt_tokens,cached_tokens,output_tokens,endpoint,error";

  private RunCsv() {}

  /** Writes {@code output} to {@code file}, creating its directory. */
  static void write(Path file, RunOutput output) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (Outcome o : output.outcomes()) {
        w.write(line(o));
        w.write('\n');
      }
    }
  }

  static String line(Outcome o) {
    LabRequest r = o.request();
    return String.join(",", Integer.toString(r.index()), ms(r.arrivalNanos()),
        field(r.session()), field(r.origin()), Boolean.toString(r.interactive()),
        Integer.toString(r.promptChars()), Integer.toString(r.maxTokens()),
        Integer.toString(o.status()), ms(o.sentNanos()), ms(o.ttftNanos()), ms(o.e2eNanos()),
        Integer.toString(o.promptTokens()), Integer.toString(o.cachedTokens()),
        Integer.toString(o.outputTokens()), field(o.endpoint()), field(o.error()));
  }

  private static String ms(long nanos) {
    return nanos < 0 ? "" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** RFC 4180 quoting when needed; empty for null. */
  static String field(@org.jspecify.annotations.Nullable String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
