package io.inferoute.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadMappingTest {
  final PrometheusTextParser parser = PrometheusTextParser.create();

  @Test
  void vllmReadsWaitingRunningAndKvUsage() {
    LoadSample load = LoadMapping.VLLM.extract(parser.parse(PrometheusTextParserTest.VLLM));

    assertThat(load).isEqualTo(new LoadSample(7, 3, 0.4251));
  }

  @Test
  void vllmFallsBackToTheOlderGpuCacheMetric() {
    LoadSample load = LoadMapping.VLLM.extract(parser.parse("""
        vllm:num_requests_waiting{model_name="m"} 1
        vllm:num_requests_running{model_name="m"} 2
        vllm:gpu_cache_usage_perc{model_name="m"} 0.5
        """));

    assertThat(load).isEqualTo(new LoadSample(1, 2, 0.5));
  }

  @Test
  void sumsCountsOverModelsAndTakesTheHighestUsage() {
    LoadSample load = LoadMapping.VLLM.extract(parser.parse("""
        vllm:num_requests_waiting{model_name="a"} 1
        vllm:num_requests_waiting{model_name="b"} 4
        vllm:kv_cache_usage_perc{model_name="a"} 0.2
        vllm:kv_cache_usage_perc{model_name="b"} 0.7
        """));

    assertThat(load).isEqualTo(new LoadSample(5, -1, 0.7));
  }

  @Test
  void sglangReadsQueueRunningAndTokenUsage() {
    LoadSample load = LoadMapping.SGLANG.extract(parser.parse(PrometheusTextParserTest.SGLANG));

    assertThat(load).isEqualTo(new LoadSample(2, 5, 0.28));
  }

  @Test
  void trtllmServeAndTritonNamesAreRead() {
    LoadSample serve = LoadMapping.forEngine("trtllm-serve").extract(parser.parse("""
        trtllm_num_requests_waiting 3
        trtllm_num_requests_running 8
        trtllm_kv_cache_utilization 0.9
        """));
    LoadSample triton = LoadMapping.forEngine("triton-tensorrt-llm").extract(parser.parse("""
        nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="waiting",version="1"} 4
        nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="scheduled",version="1"} 6
        nv_trt_llm_request_metrics{model="tensorrt_llm",request_type="active",version="1"} 10
        nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="fraction",model="tensorrt_llm",version="1"} 0.25
        nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type="max",model="tensorrt_llm",version="1"} 6239
        """));

    assertThat(serve).isEqualTo(new LoadSample(3, 8, 0.9));
    assertThat(triton).isEqualTo(new LoadSample(4, 6, 0.25));
  }

  @Test
  void customMappingReadsConfiguredNamesAndScalesPercent() {
    LoadMapping npu = LoadMapping.custom("npu_queue_len", "npu_active{kind=\"infer\"}", "npu_kv_percent", 0.01);

    LoadSample load = npu.extract(parser.parse("""
        npu_queue_len 9
        npu_active{kind="infer"} 2
        npu_active{kind="warmup"} 100
        npu_kv_percent 55
        """));

    assertThat(load).isEqualTo(new LoadSample(9, 2, 0.55));
  }

  @Test
  void reportsMinusOneForWhatIsMissing() {
    LoadSample load = LoadMapping.VLLM.extract(parser.parse("other_metric 1\n"));

    assertThat(load).isEqualTo(new LoadSample(-1, -1, -1));
    assertThat(load.hasAny()).isFalse();
  }

  @Test
  void unknownEngineNamesTheKnownOnes() {
    assertThatThrownBy(() -> LoadMapping.forEngine("custom"))
        .hasMessage("engine: \"custom\" (expected: vllm, sglang, trtllm, triton-tensorrt-llm; "
            + "custom names need a custom mapping)");
  }

  @Test
  void selectorParsesQuotedAndUnquotedLabels() {
    assertThat(MetricSelector.parse("m{a=x, b=\"y\"}"))
        .isEqualTo(new MetricSelector("m", Map.of("a", "x", "b", "y")));
    assertThatThrownBy(() -> MetricSelector.parse("m{a}"))
        .hasMessage("metric selector: \"m{a}\" (expected: name or name{label=value,...})");
  }

  @Test
  void mappingWithoutAnyMetricIsRefused() {
    assertThatThrownBy(() -> LoadMapping.custom(null, "", null, 1))
        .hasMessage("mapping custom: no metric (expected: at least one of queue, running, kvCacheUsage)");
  }
}
