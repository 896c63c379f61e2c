package io.inferoute.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextParserTest {
  static final String VLLM = """
      # HELP python_gc_objects_collected_total Objects collected during gc
      # TYPE python_gc_objects_collected_total counter
      python_gc_objects_collected_total{generation="0"} 12345.0
      # HELP vllm:num_requests_running Number of requests in model execution batches.
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
      # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 7.0
      # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
      # TYPE vllm:kv_cache_usage_perc gauge
      vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4251
      # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
      # TYPE vllm:prefix_cache_queries_total counter
      vllm:prefix_cache_queries_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.0448e+04
      # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
      # TYPE vllm:time_to_first_token_seconds histogram
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.04",model_name="meta-llama/Llama-3.1-8B-Instruct"} 12.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
      vllm:time_to_first_token_seconds_count{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
      vllm:time_to_first_token_seconds_sum{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.3791
      """;

  static final String SGLANG = """
      # HELP sglang:num_running_reqs The number of running requests.
      # TYPE sglang:num_running_reqs gauge
      sglang:num_running_reqs{model_name="Qwen/Qwen2.5-7B-Instruct"} 5.0
      # HELP sglang:num_queue_reqs The number of requests in the waiting queue.
      # TYPE sglang:num_queue_reqs gauge
      sglang:num_queue_reqs{model_name="Qwen/Qwen2.5-7B-Instruct"} 2.0
      # HELP sglang:token_usage The token usage.
      # TYPE sglang:token_usage gauge
      sglang:token_usage{model_name="Qwen/Qwen2.5-7B-Instruct"} 0.28
      """;

  final PrometheusTextParser parser = PrometheusTextParser.create();

  @Test
  void readsVllmExposition() {
    ParsedMetrics metrics = parser.parse(VLLM);

    assertThat(metrics.samples()).hasSize(10);
    Sample running = metrics.samples("vllm:num_requests_running").get(0);
    assertThat(running.value()).isEqualTo(3.0);
    assertThat(running.labels()).containsExactly(
        Map.entry("engine", "0"), Map.entry("model_name", "meta-llama/Llama-3.1-8B-Instruct"));
    assertThat(running.timestampMillis()).isNull();
    assertThat(metrics.samples("vllm:prefix_cache_queries_total").get(0).value()).isEqualTo(20448.0);
    assertThat(metrics.type("vllm:time_to_first_token_seconds")).isEqualTo(MetricType.HISTOGRAM);
    assertThat(metrics.type("vllm:prefix_cache_queries_total")).isEqualTo(MetricType.COUNTER);
    assertThat(metrics.help("vllm:kv_cache_usage_perc")).isEqualTo("KV-cache usage. 1 means 100 percent usage.");
    assertThat(metrics.samples("vllm:time_to_first_token_seconds_bucket"))
        .extracting(s -> s.label("le")).containsExactly("0.001", "0.04", "+Inf");
  }

  @Test
  void readsSglangExposition() {
    ParsedMetrics metrics = parser.parse(SGLANG);

    assertThat(metrics.samples()).extracting(Sample::name)
        .containsExactly("sglang:num_running_reqs", "sglang:num_queue_reqs", "sglang:token_usage");
    assertThat(metrics.samples("sglang:token_usage").get(0).value()).isEqualTo(0.28);
  }

  @Test
  void unescapesLabelValuesAndDocstrings() {
    ParsedMetrics metrics = parser.parse("""
        # HELP m A \\\\ backslash\\nand a newline
        m{path="C:\\\\x",quote="say \\"hi\\"",nl="a\\nb",empty=""} 1
        """);

    Sample sample = metrics.samples("m").get(0);
    assertThat(sample.labels()).containsExactly(Map.entry("path", "C:\\x"),
        Map.entry("quote", "say \"hi\""), Map.entry("nl", "a\nb"), Map.entry("empty", ""));
    assertThat(metrics.help("m")).isEqualTo("A \\ backslash\nand a newline");
  }

  @Test
  void readsSpecialValuesAndTimestamps() {
    ParsedMetrics metrics = parser.parse("""
        a NaN
        b +Inf 1700000000000
        c -Inf
        d\t-1.5e-3\t-42
        e{} 7
        f { x = "1" , } inf
        """);

    assertThat(metrics.samples("a").get(0).value()).isNaN();
    assertThat(metrics.samples("b").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(metrics.samples("b").get(0).timestampMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(metrics.samples("c").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(metrics.samples("d").get(0).value()).isEqualTo(-0.0015);
    assertThat(metrics.samples("d").get(0).timestampMillis()).isEqualTo(-42L);
    assertThat(metrics.samples("e").get(0).labels()).isEmpty();
    assertThat(metrics.samples("f").get(0).labels()).containsExactly(Map.entry("x", "1"));
    assertThat(metrics.samples("f").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void ignoresBlankLinesPlainCommentsAndCarriageReturns() {
    ParsedMetrics metrics = parser.parse("\n# just a comment\n  \r\nx 1\r\n#\n");

    assertThat(metrics.samples()).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      bad metric name       | '1abc 1'                      | 'line 1: metric name: "1abc" (expected: [a-zA-Z_:][a-zA-Z0-9_:]*)'
      missing value         | 'x'                           | 'line 1: x: missing value (expected: a number, NaN, +Inf or -Inf)'
      bad value             | 'x 1d'                        | 'line 1: x: value "1d" (expected: a number, NaN, +Inf or -Inf)'
      hex value             | 'x 0x10'                      | 'line 1: x: value "0x10" (expected: a number, NaN, +Inf or -Inf)'
      bad timestamp         | 'x 1 12.5'                    | 'line 1: x: timestamp "12.5" (expected: integer milliseconds)'
      text after timestamp  | 'x 1 2 3'                     | 'line 1: unexpected "3" (expected: end of line after the timestamp)'
      char after name       | 'x- 1'                        | 'line 1: x: unexpected ''-'' after the metric name (expected: ''{'', a blank or a value)'
      unclosed labels       | 'x{a="1" 1'                   | 'line 1: x: label a: unexpected ''1'' (expected: '','' or ''}'')'
      labels to line end    | 'x{a="1",'                    | 'line 1: x: labels not closed (expected: ''}'')'
      bad label name        | 'x{1a="1"} 1'                 | 'line 1: x: label name: "1a="1"}" (expected: [a-zA-Z_][a-zA-Z0-9_]*)'
      missing equals        | 'x{a "1"} 1'                  | 'line 1: x: label a (expected: ''='' after the label name)'
      unquoted value        | 'x{a=1} 1'                    | 'line 1: x: label a (expected: ''"'' opening the value)'
      unclosed value        | 'x{a="1} 1'                   | 'line 1: x: label a: value not closed (expected: ''"'')'
      bad escape            | 'x{a="\\t"} 1'                | 'line 1: x: label a: escape \\t (expected: \\\\, \\" or \\n)'
      duplicate label       | 'x{a="1",a="2"} 1'            | 'line 1: x: label a appears twice (expected: unique label names)'
      unknown type          | '# TYPE x gauges'             | 'line 1: TYPE x: "gauges" (expected: counter, gauge, histogram, summary or untyped)'
      type without type     | '# TYPE x'                    | 'line 1: expected a blank before the metric type, found end of line'
      text after type       | '# TYPE x gauge y'            | 'line 1: unexpected "y" (expected: end of TYPE line)'
      help bad escape       | '# HELP x a \\q'              | 'line 1: HELP docstring: escape \\q (expected: \\\\ or \\n)'
      """)
  void rejectsMalformedLineWithItsNumberAndExpectation(String what, String line, String message) {
    assertThatThrownBy(() -> parser.parse(line + "\n"))
        .isInstanceOf(MetricsFormatException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((MetricsFormatException) e).line()).isEqualTo(1));
  }

  @Test
  void reportsTheLineNumberOfALaterError() {
    assertThatThrownBy(() -> parser.parse("a 1\n\n# c\nb{x=\"1\"} 2\nc 3 4 5\n"))
        .isInstanceOf(MetricsFormatException.class)
        .hasMessageStartingWith("line 5: ")
        .satisfies(e -> assertThat(((MetricsFormatException) e).line()).isEqualTo(5));
  }

  @Test
  void rejectsSecondTypeLine() {
    assertThatThrownBy(() -> parser.parse("# TYPE x gauge\n# TYPE x counter\n"))
        .hasMessage("line 2: TYPE x: a second TYPE line (expected: one per metric family)");
  }

  @Test
  void rejectsTypeAfterSamples() {
    assertThatThrownBy(() -> parser.parse("x_bucket{le=\"1\"} 1\n# TYPE x histogram\n"))
        .hasMessage("line 2: TYPE x: after its samples (expected: TYPE before the first sample)");
  }

  @Test
  void rejectsSecondHelpLine() {
    assertThatThrownBy(() -> parser.parse("# HELP x one\n# HELP x two\n"))
        .hasMessage("line 2: HELP x: a second HELP line (expected: one per metric family)");
  }

  @Test
  void refusesInputAboveTheLimitBeforeParsing() {
    PrometheusTextParser small = PrometheusTextParser.withMaxChars(1024);
    String huge = "x 1\n".repeat(1_000);

    assertThatThrownBy(() -> small.parse(huge))
        .isInstanceOf(MetricsFormatException.class)
        .hasMessage("input: 4000 chars (expected: at most 1024)")
        .satisfies(e -> assertThat(((MetricsFormatException) e).line()).isZero());
    assertThat(small.parse("x 1\n".repeat(256)).samples()).hasSize(256);
  }

  @Test
  void defaultLimitRefusesMoreThanFourMebiChars() {
    StringBuilder huge = new StringBuilder(PrometheusTextParser.DEFAULT_MAX_CHARS + 16);
    while (huge.length() <= PrometheusTextParser.DEFAULT_MAX_CHARS) {
      huge.append("# padding padding padding padding padding padding\n");
    }

    assertThatThrownBy(() -> parser.parse(huge)).hasMessageStartingWith("input: ");
  }

  @Test
  void rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> PrometheusTextParser.withMaxChars(0))
        .hasMessage("maxChars: 0 (expected: > 0)");
  }
}
