package io.inferoute.request;

/** The body is not JSON, or a field routing reads has the wrong type. */
public final class MalformedBodyException extends Exception {
  public MalformedBodyException(String message) {
    super(message, null, false, false);
  }
}
