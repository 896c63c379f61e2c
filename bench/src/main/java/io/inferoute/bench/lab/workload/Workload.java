package io.inferoute.bench.lab.workload;

import io.inferoute.bench.lab.LabRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A seeded generator of request traces. */
public sealed interface Workload permits ChatWorkload, DocumentWorkload, MixedWorkload {

  /** A short name, e.g. {@code chat}. */
  String name();

  /** The parameters in one line of prose, for the report. */
  String describe();

  /** The trace for {@code shape}, sorted by arrival, indexed from 0; the same shape, same trace. */
  List<LabRequest> trace(TraceShape shape);

  /** Sorts requests by arrival (stable) and numbers them from 0. */
  static List<LabRequest> indexed(List<LabRequest> requests) {
    List<LabRequest> sorted = new ArrayList<>(requests);
    sorted.sort(Comparator.comparingLong(LabRequest::arrivalNanos));
    List<LabRequest> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      LabRequest r = sorted.get(i);
      out.add(new LabRequest(i, r.arrivalNanos(), r.session(), r.origin(), r.interactive(),
          r.model(), r.path(), r.body(), r.promptChars(), r.maxTokens()));
    }
    return List.copyOf(out);
  }
}
