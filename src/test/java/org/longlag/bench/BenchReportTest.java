package org.longlag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longlag.experiment.RunEnvironment;

class BenchReportTest {

    private static final RunEnvironment ENV =
            new RunEnvironment("0123456789abcdef", false, "17", "1.0.0-M2.1", "Linux", "test CPU");

    private static BenchResult result(BenchCase c, double stepsPerSecond, double stepsPerCpuSecond) {
        double[] steps = {stepsPerSecond * 0.9, stepsPerSecond, stepsPerSecond * 1.2};
        double[] seqs = {steps[0] / 100, steps[1] / 100, steps[2] / 100};
        double[] cpu = {stepsPerCpuSecond, stepsPerCpuSecond, stepsPerCpuSecond};
        return new BenchResult(c.name(), c.engine(), "protocol of " + c.name(), c.task(), 32, 97, 3, 64, seqs, steps,
                cpu, c.comparisonKey());
    }

    private static BenchReport report() {
        BenchTask adding = BenchTask.adding(100);
        List<BenchCase> rnn = BenchCases.allEngines("rnn", Map.of("hidden", 8, "batch", 32), adding);
        List<BenchCase> rnnWide = BenchCases.allEngines("rnn", Map.of("hidden", 8, "batch", 32),
                BenchTask.oneHot(104, 100));
        BenchCase paper = new BenchCase("rnn1997", "rnn1997", Map.of("hidden", 8), adding);
        return new BenchReport(List.of(
                result(paper, 1e6, 1e6),
                result(rnn.get(0), 60_000, 50_000), result(rnn.get(1), 20_000, 25_000),
                result(rnnWide.get(0), 40_000, 40_000), result(rnnWide.get(1), 10_000, 8_000),
                result(rnn.get(2), 100_000, 75_000)),
                List.of("something: why"), ENV, "1 thread", "median of 3");
    }

    @Test
    void allEnginesNameTheOtherRowsAfterTheKind() {
        List<BenchCase> cases = BenchCases.allEngines("lstm", Map.of("hidden", 4), BenchTask.adding(100));
        assertEquals(3, cases.size());
        assertEquals("lstm.fused", cases.get(0).name());
        assertEquals("fused", cases.get(0).engine());
        assertEquals("lstm.layers", cases.get(1).name());
        assertEquals("layers", cases.get(1).engine());
        assertEquals("lstm", cases.get(2).name());
        assertEquals("composed", cases.get(2).engine());
        assertEquals(cases.get(0).comparisonKey(), cases.get(1).comparisonKey());
        assertEquals(cases.get(0).comparisonKey(), cases.get(2).comparisonKey());
        assertNull(new BenchCase("lstm1997", "lstm1997", Map.of(), BenchTask.adding(100)).engine());
    }

    @Test
    void speedupPairsTheSameModelOnTheSameTaskOnly() {
        BenchReport r = report();
        assertNull(r.speedupOverLayers(r.results().get(0)), "paper model");
        assertEquals(3.0, r.speedupOverLayers(r.results().get(1)), 1e-12);
        assertNull(r.speedupOverLayers(r.results().get(2)), "the layer row itself");
        assertEquals(4.0, r.speedupOverLayers(r.results().get(3)), 1e-12, "paired with the wide task's layer row");
        assertEquals(2.0, r.cpuSpeedupOverLayers(r.results().get(1)), 1e-12);
        assertEquals(5.0, r.cpuSpeedupOverLayers(r.results().get(3)), 1e-12);
        assertEquals(5.0, r.speedupOverLayers(r.results().get(5)), 1e-12, "composed, paired with its layer row");
        assertEquals(3.0, r.cpuSpeedupOverLayers(r.results().get(5)), 1e-12);
    }

    @Test
    void jsonCarriesEngineWidthCostAndSpeedup() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(report().json());
        assertEquals(6, rows.size());
        JsonNode sd = rows.get(1);
        assertEquals("rnn.fused", sd.get("model").asText());
        assertEquals("fused", sd.get("engine").asText());
        assertEquals("adding", sd.get("task").asText());
        assertEquals(2, sd.get("inputs").asInt());
        assertEquals(1e6 / 60_000, sd.get("microsPerSeqStep").asDouble(), 1e-9);
        assertEquals(3.0, sd.get("speedupOverLayers").asDouble(), 1e-12);
        assertEquals(50_000, sd.get("seqStepsPerCpuSecond").asDouble(), 1e-9);
        assertTrue(rows.get(2).get("speedupOverLayers").isNull());
        assertTrue(rows.get(0).get("engine").isNull());
        assertEquals("very-long-lag", rows.get(3).get("task").asText());
        assertEquals(104, rows.get(3).get("inputs").asInt());
        assertEquals("rnn", rows.get(5).get("model").asText());
        assertEquals("composed", rows.get(5).get("engine").asText());
        assertEquals(5.0, rows.get(5).get("speedupOverLayers").asDouble(), 1e-12);
    }

    @Test
    void tableAlignsColumnsAndShowsTheSpeedup() {
        List<String> lines = report().table().lines().toList();
        List<String> table = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(7, table.size());
        int protocol = table.get(0).indexOf("protocol");
        for (String line : table.subList(1, table.size())) {
            assertEquals(protocol, line.indexOf("protocol of"), line);
        }
        assertTrue(table.get(2).contains("3.0x"), table.get(2));
        assertTrue(table.get(4).contains("4.0x"), table.get(4));
        assertTrue(table.get(6).contains("5.0x"), table.get(6));
        assertTrue(lines.get(lines.size() - 1).equals("# skipped something: why"));
    }

    @Test
    void oneHotWidthIsChecked() {
        assertEquals(1004, BenchTask.oneHot(1004, 100).inputs());
        assertEquals(1004, BenchTask.oneHot(1004, 100).generator().inputSize());
        try {
            BenchTask.oneHot(4, 100);
            throw new AssertionError("width 4 accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("4"), e.getMessage());
        }
    }
}
