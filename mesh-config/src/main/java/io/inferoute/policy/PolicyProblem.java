package io.inferoute.policy;

/**
 * One error or warning found in a policy file, with where it is.
 *
 * @param file the file name as given to the loader
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when the problem concerns the whole file
 * @param path the field, e.g. {@code spec.routes[1].slo.ttftP95}; empty for the whole document
 * @param message what is wrong and what was expected
 */
public record PolicyProblem(String file, int line, int column, String path, String message) {

  /** A problem that concerns the whole file (size, encoding), not one position. */
  public static PolicyProblem ofFile(String file, String message) {
    return new PolicyProblem(file, 0, 0, "", message);
  }

  /** The problem without the file name: {@code LINE:COLUMN: path: message}. */
  public String withoutFile() {
    return format("");
  }

  /** As {@link #toString()}, with {@code warning: } after the position: how a CLI prints warnings. */
  public String asWarning() {
    return file + (line > 0 ? ":" : ": ") + format("warning: ");
  }

  private String format(String severity) {
    StringBuilder sb = new StringBuilder();
    if (line > 0) {
      sb.append(line).append(':').append(column).append(": ");
    }
    sb.append(severity);
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  /** {@code FILE:LINE:COLUMN: path: message}, the form compilers and editors understand. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" : ": ") + withoutFile();
  }

  /** This problem as a JSON object. */
  public String toJson() {
    return "{\"file\":" + Json.quote(file) + ",\"line\":" + line + ",\"column\":" + column
        + ",\"path\":" + Json.quote(path) + ",\"message\":" + Json.quote(message) + "}";
  }
}
