package io.inferoute.cli;

/** A command's input file is unusable; the message says which and why. */
final class InvalidInputException extends Exception {
  InvalidInputException(String message) {
    super(message, null, false, false);
  }
}
