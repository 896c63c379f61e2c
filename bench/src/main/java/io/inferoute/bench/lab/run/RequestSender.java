package io.inferoute.bench.lab.run;

import io.inferoute.bench.lab.LabRequest;

/** Sends one request of a trace to one gateway replica and reports to its recorder. */
interface RequestSender extends AutoCloseable {

  /** Sends {@code request} to replica {@code replica}; returns at once, reports to {@code to}. */
  void send(LabRequest request, int replica, ResponseRecorder to);

  @Override
  void close();
}
