package io.inferoute.policy.yaml;

import io.inferoute.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects errors and warnings, each at a node's position, so that all are reported at once. */
final class Problems {
  private static final Comparator<PolicyProblem> IN_FILE_ORDER =
      Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column);

  private final String file;
  private final List<PolicyProblem> errors = new ArrayList<>();
  private final List<PolicyProblem> warnings = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void error(Node at, String path, String message) {
    errors.add(at(at.getStartMark(), path, message));
  }

  void error(Mark at, String path, String message) {
    errors.add(at(at, path, message));
  }

  /** An error about the whole file (size, encoding), with no position. */
  void fileError(String message) {
    errors.add(PolicyProblem.ofFile(file, message));
  }

  void warn(Node at, String path, String message) {
    warnings.add(at(at.getStartMark(), path, message));
  }

  int errorCount() {
    return errors.size();
  }

  /** The errors sorted by position (stable, so one position keeps discovery order). */
  List<PolicyProblem> errors() {
    List<PolicyProblem> sorted = new ArrayList<>(errors);
    sorted.sort(IN_FILE_ORDER);
    return sorted;
  }

  List<PolicyProblem> warnings() {
    List<PolicyProblem> sorted = new ArrayList<>(warnings);
    sorted.sort(IN_FILE_ORDER);
    return sorted;
  }

  private PolicyProblem at(Mark mark, String path, String message) {
    // SnakeYAML marks are 0-based; editors and compilers count from 1.
    return new PolicyProblem(file, mark.getLine() + 1, mark.getColumn() + 1, path, message);
  }
}
