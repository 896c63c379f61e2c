package io.inferoute.bench.lab;

import java.util.List;
import java.util.Objects;

/**
 * A group of runs that answers one question, reported as one table.
 *
 * @param name the short name ({@code --only NAME})
 * @param title the section title
 * @param question what it shows, one sentence
 * @param runs the runs, in table order
 */
public record Scenario(String name, String title, String question, List<PlannedRun> runs) {
  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(question, "question");
    runs = List.copyOf(runs);
  }
}
