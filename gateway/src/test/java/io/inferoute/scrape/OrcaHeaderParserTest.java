package io.inferoute.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrcaHeaderParserTest {
  @Test
  void readsTextFormat() {
    OrcaLoadReport report = OrcaHeaderParser.parse(
        "TEXT cpu_utilization=0.3, mem_utilization=0.8, rps_fractional=10, eps=1.5,"
            + " application_utilization=0.6, named_metrics.kv_cache_usage_perc=0.4,"
            + " named_metrics.num_requests_waiting=3, utilization.gpu=0.9, request_cost.db=2");

    assertThat(report.cpuUtilization()).isEqualTo(0.3);
    assertThat(report.memUtilization()).isEqualTo(0.8);
    assertThat(report.rpsFractional()).isEqualTo(10);
    assertThat(report.eps()).isEqualTo(1.5);
    assertThat(report.applicationUtilization()).isEqualTo(0.6);
    assertThat(report.namedMetrics()).containsOnly(
        Map.entry("kv_cache_usage_perc", 0.4), Map.entry("num_requests_waiting", 3.0));
    assertThat(report.utilization()).containsOnly(Map.entry("gpu", 0.9));
    assertThat(report.requestCost()).containsOnly(Map.entry("db", 2.0));
    assertThat(report.toLoadSample()).isEqualTo(new LoadSample(3, -1, 0.4));
  }

  @Test
  void leavesUnsentScalarsNaN() {
    OrcaLoadReport report = OrcaHeaderParser.parse("TEXT named_metrics.kv_cache_utilization=0.4");

    assertThat(report.cpuUtilization()).isNaN();
    assertThat(report.memUtilization()).isNaN();
    assertThat(report.namedMetrics()).containsOnly(Map.entry("kv_cache_utilization", 0.4));
  }

  @Test
  void readsJsonFormatInSnakeOrCamelCase() {
    OrcaLoadReport report = OrcaHeaderParser.parse(
        "JSON {\"cpu_utilization\": 0.5, \"memUtilization\": 0.25, \"unknown\": true,"
            + " \"named_metrics\": {\"num_requests_running\": 4, \"kv_cache_usage_perc\": \"0.75\"}}");

    assertThat(report.cpuUtilization()).isEqualTo(0.5);
    assertThat(report.memUtilization()).isEqualTo(0.25);
    assertThat(report.toLoadSample()).isEqualTo(new LoadSample(-1, 4, 0.75));
  }

  @Test
  void rejectsMalformedHeadersNamingTheProblem() {
    assertThatThrownBy(() -> OrcaHeaderParser.parse("cpu_utilization=0.3"))
        .hasMessage("endpoint-load-metrics: \"cpu_utilization=0.3\" (expected: a TEXT, JSON or BIN prefix)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("BIN CgQIARAB"))
        .hasMessage("endpoint-load-metrics: BIN format (expected: TEXT or JSON; binary proto is not supported)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT cpu_utilization"))
        .hasMessage("endpoint-load-metrics: \"cpu_utilization\" (expected: name=value)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT cpu_utilization=0.1, cpu_utilization=0.2"))
        .hasMessage("endpoint-load-metrics: cpu_utilization appears twice (expected: each metric once)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT cpu_utilization=high"))
        .hasMessage("endpoint-load-metrics: cpu_utilization=high (expected: a number)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT eps=NaN"))
        .hasMessage("endpoint-load-metrics: eps=NaN (expected: a finite number)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT gpu=1"))
        .hasMessageStartingWith("endpoint-load-metrics: gpu (expected: cpu_utilization, ");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("TEXT named_metrics.=1"))
        .hasMessage("endpoint-load-metrics: named_metrics. has an empty key (expected: named_metrics.<key>)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("JSON [1]"))
        .hasMessage("endpoint-load-metrics: JSON [1] (expected: a JSON object)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("JSON {\"named_metrics\": 3}"))
        .hasMessage("endpoint-load-metrics: named_metrics: NUMBER (expected: an object of numbers)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("JSON {\"eps\": [1]}"))
        .hasMessage("endpoint-load-metrics: eps: [1] (expected: a number)");
    assertThatThrownBy(() -> OrcaHeaderParser.parse("JSON {nope"))
        .hasMessageStartingWith("endpoint-load-metrics: JSON: ");
  }

  @Test
  void refusesOversizedHeader() {
    String huge = "TEXT " + "named_metrics.a=1,".repeat(2_000);

    assertThatThrownBy(() -> OrcaHeaderParser.parse(huge))
        .hasMessage("endpoint-load-metrics: " + huge.length() + " chars (expected: at most 16384)");
  }
}
