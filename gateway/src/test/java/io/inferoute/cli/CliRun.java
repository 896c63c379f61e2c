package io.inferoute.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs a CLI command in-process and keeps its exit code, output and errors. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A file under the repository's docs/ (tests run with the module directory as cwd). */
  static Path docs(String relative) {
    return Path.of("..", "docs").resolve(relative).toAbsolutePath().normalize();
  }
}
