package io.inferoute.bench.lab;

import io.inferoute.bench.lab.MarkedSection.Placement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a lab's report, summary CSV and plots where they belong under the output root. */
final class LabWriter {
  private LabWriter() {}

  static void write(LabResults results, LabReport.Context context, LabOptions options,
      PrintStream progress) throws IOException {
    Path root = options.out();
    Path raw = root.resolve("bench/target/lab");
    Files.createDirectories(raw);
    String document = LabReport.document(results, context);
    Files.writeString(raw.resolve("report.md"), document, StandardCharsets.UTF_8);
    Files.writeString(raw.resolve("summary.csv"), SummaryCsv.of(results), StandardCharsets.UTF_8);
    if (!options.complete()) {
      progress.println("lab: report in " + raw.resolve("report.md")
          + " (docs and README are only rewritten when every scenario runs)");
      return;
    }
    Path plots = root.resolve("docs/bench");
    progress.println("lab: plots " + LabPlots.write(results, plots) + " in " + plots);
    MarkedSection.replaceInFile(root.resolve("docs/benchmarks.md"), LabReport.DOC_BEGIN,
        LabReport.DOC_END, document, Placement.APPEND, "Placement lab");
    MarkedSection.replaceInFile(root.resolve("README.md"), LabReport.README_BEGIN,
        LabReport.README_END, LabReport.headline(results, context),
        Placement.BEFORE_LAST_SECTION, "Placement lab");
    progress.println("lab: wrote docs/benchmarks.md, README.md and " + raw);
  }
}
