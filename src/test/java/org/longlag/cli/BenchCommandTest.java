package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static final String[] TINY = {"--lengths", "12", "--repetitions", "2", "--sequences", "2", "--warmup", "0"};

    private static String[] tiny(String... more) {
        List<String> all = new ArrayList<>(List.of(TINY));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void jsonIsAnArrayOfRowsWithTheDocumentedFields() throws Exception {
        Result r = bench(tiny("--format", "json", "--models", "rnn1997,rnn"));
        assertEquals(0, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertTrue(rows.isArray());
        assertEquals(3, rows.size(), r.out()); // rnn1997 at batch 1, rnn at batch 1 and 32
        List<String> seen = new ArrayList<>();
        for (JsonNode row : rows) {
            for (String field : List.of("model", "protocol", "T", "batch", "parameters", "repetitions",
                    "sequencesPerSecond", "sequencesPerSecondMin", "sequencesPerSecondMax",
                    "seqStepsPerSecond", "seqStepsPerSecondMin", "seqStepsPerSecondMax", "threads")) {
                assertTrue(row.has(field), field + " missing in " + row);
            }
            assertEquals(12, row.get("T").asInt());
            assertEquals(2, row.get("repetitions").asInt());
            assertEquals(97, row.get("parameters").asLong());
            double median = row.get("seqStepsPerSecond").asDouble();
            assertTrue(median > 0);
            assertTrue(row.get("seqStepsPerSecondMin").asDouble() <= median);
            assertTrue(median <= row.get("seqStepsPerSecondMax").asDouble());
            // every sequence has 12 or 13 steps
            double perSequence = median / row.get("sequencesPerSecond").asDouble();
            assertTrue(perSequence >= 11.9 && perSequence <= 13.1, "steps per sequence " + perSequence);
            seen.add(row.get("model").asText() + "/" + row.get("batch").asInt());
        }
        assertEquals(List.of("rnn1997/1", "rnn/1", "rnn/32"), seen);
    }

    @Test
    void rowAddsTheExperimentFilesOwnDl4jModels() throws Exception {
        Result r = bench(tiny("--format", "json", "--models", "rnn", "--row", "adding-t100"));
        assertEquals(0, r.code(), r.err());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            seen.add(row.get("model").asText() + "/" + row.get("batch").asInt() + "/" + row.get("parameters").asLong());
        }
        // the file's rnn: 128 units at batch 128 (experiments/exp4-adding.yaml)
        assertEquals(List.of("rnn/1/97", "rnn/32/97", "rnn/128/16897"), seen);
    }

    @Test
    void rowMustBeAKnownAddingRow() {
        Result unknown = bench(tiny("--row", "adding-t7"));
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("adding-t7"), unknown.err());
        Result other = bench(tiny("--row", "temporal-order-2"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("temporal-order-2"), other.err());
    }

    @Test
    void tableHasHeaderAndOneAlignedLinePerRow() {
        Result r = bench(tiny("--models", "rnn1997"));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        List<String> comments = lines.stream().filter(l -> l.startsWith("#")).toList();
        List<String> table = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertTrue(comments.get(1).startsWith("# 1 thread"), comments.get(1));
        assertEquals(2, table.size(), r.out());
        assertTrue(table.get(0).startsWith("model"));
        assertTrue(table.get(1).startsWith("rnn1997"));
        assertTrue(table.get(1).contains("full BPTT"));
        // the protocol column starts at the same place on every line
        assertEquals(table.get(0).indexOf("protocol"), table.get(1).indexOf("RNN 8"));
    }

    @Test
    void everyDl4jModelRunsOnEveryEngineWithTheSpeedupOverTheLayers() throws Exception {
        Result r = bench(tiny("--format", "json", "--models", "lstm.fused,lstm.layers,lstm"));
        assertEquals(0, r.code(), r.err());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            String engine = row.get("engine").asText();
            seen.add(row.get("model").asText() + "/" + engine + "/" + row.get("batch").asInt()
                    + "/" + row.get("parameters").asLong());
            if (engine.equals("layers")) {
                assertTrue(row.get("speedupOverLayers").isNull(), row.toString());
            } else {
                assertTrue(row.get("speedupOverLayers").asDouble() > 0, row.toString());
                assertTrue(row.get("protocol").asText().contains(
                        engine.equals("fused") ? "fused LSTM cell ops" : "composed ND4J ops"), row.toString());
            }
            assertEquals(1e6 / row.get("seqStepsPerSecond").asDouble(), row.get("microsPerSeqStep").asDouble(), 1e-6);
        }
        // the 4-unit LSTM (117 weights) at batch 1 and 32: fused, layers, composed
        assertEquals(List.of("lstm.fused/fused/1/117", "lstm.layers/layers/1/117", "lstm/composed/1/117",
                "lstm.fused/fused/32/117", "lstm.layers/layers/32/117", "lstm/composed/32/117"), seen);
    }

    @Test
    void rowMeasuresTheFilesModelsOnEveryEngine() throws Exception {
        Result r = bench(tiny("--format", "json", "--models", "lstm.fused,lstm.layers,lstm", "--row", "adding-t100"));
        assertEquals(0, r.code(), r.err());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            seen.add(row.get("model").asText() + "/" + row.get("batch").asInt() + "/" + row.get("parameters").asLong());
        }
        // the file's lstm: 64 units at batch 128 (experiments/exp4-adding.yaml)
        assertEquals(List.of("lstm.fused/1/117", "lstm.layers/1/117", "lstm/1/117", "lstm.fused/32/117",
                "lstm.layers/32/117", "lstm/32/117", "lstm.fused/128/17217", "lstm.layers/128/17217",
                "lstm/128/17217"), seen);
    }

    @Test
    void widthsMeasureTheOneHotTaskAtEachWidth() throws Exception {
        Result r = bench(tiny("--format", "json", "--models", "rnn.fused,rnn.layers,rnn", "--widths", "5,104"));
        assertEquals(0, r.code(), r.err());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            assertEquals("very-long-lag", row.get("task").asText());
            assertEquals(12, row.get("T").asInt());
            seen.add(row.get("model").asText() + "/" + row.get("inputs").asInt() + "/" + row.get("batch").asInt()
                    + "/" + row.get("parameters").asLong());
        }
        // Exp. 2c's rnn: 33 units, batch 32: 33 x (w + 33 + 1) + 2 x (33 + 1) weights
        assertEquals(List.of("rnn.fused/5/32/1355", "rnn.layers/5/32/1355", "rnn/5/32/1355", "rnn.fused/104/32/4622",
                "rnn.layers/104/32/4622", "rnn/104/32/4622"), seen);
    }

    @Test
    void widthsAreCheckedAndDoNotMixWithRow() {
        Result narrow = bench(tiny("--widths", "4"));
        assertEquals(LonglagCommand.BAD_INPUT, narrow.code());
        assertTrue(narrow.err().contains("width") && narrow.err().contains("4"), narrow.err());
        Result both = bench(tiny("--widths", "104", "--row", "adding-t100"));
        assertEquals(LonglagCommand.BAD_INPUT, both.code());
        assertTrue(both.err().contains("--row") && both.err().contains("--widths"), both.err());
    }

    @Test
    void unknownModelIsBadInputNamingTheKnownOnes() {
        Result r = bench("--models", "lstm97");
        assertEquals(LonglagCommand.BAD_INPUT, r.code());
        assertTrue(r.err().contains("lstm97") && r.err().contains("rnn1997"), r.err());
    }

    @Test
    void medianMinMax() {
        assertEquals(2.0, BenchCommand.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchCommand.median(new double[] {4, 1, 2, 3}));
        assertEquals("1,234,568", BenchCommand.rate(1234567.8));
        assertEquals("0.40", BenchCommand.rate(0.4));
    }
}
