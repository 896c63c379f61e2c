package io.inferoute.scrape;

/** Input that is not valid Prometheus text format; the message starts with the line number. */
public final class MetricsFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  MetricsFormatException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /** The 1-based line of the error, or 0 when it concerns the whole input (its size). */
  public int line() {
    return line;
  }
}
