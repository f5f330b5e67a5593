package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list} and {@code describe} on the project's own catalog. */
class ListDescribeTest {

    @Test
    void listJsonHasEveryRowWithFamilyTableAndModels() throws Exception {
        CliHarness list = CliHarness.run(CliHarness.projectCatalog(), "list", "--format", "json");
        assertEquals(0, list.exitCode, list.err);
        JsonNode rows = new ObjectMapper().readTree(list.out);
        assertTrue(rows.isArray() && rows.size() >= 3);
        for (JsonNode row : rows) {
            for (String field : new String[] {"id", "family", "paperTable", "models"}) {
                assertTrue(row.has(field), field + " in " + row);
            }
        }
        JsonNode adding = rows.get(0).get("id").asText().startsWith("adding") ? rows.get(0) : find(rows, "adding-t100");
        assertEquals(7, find(rows, "adding-t100").get("paperTable").asInt());
        assertTrue(adding.get("models").toString().contains("lstm"));
    }

    @Test
    void describeJsonGivesExactParameterCounts() throws Exception {
        CliHarness describe = CliHarness.run(CliHarness.projectCatalog(), "describe", "adding-t100", "--format", "json");
        assertEquals(0, describe.exitCode, describe.err);
        JsonNode d = new ObjectMapper().readTree(describe.out);
        assertEquals("adding-t100", d.get("id").asText());
        for (JsonNode model : d.get("models")) {
            assertTrue(model.get("parameters").asLong() > 0, model.toString());
        }
        CliHarness text = CliHarness.run(CliHarness.projectCatalog(), "describe", "adding-t100");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.contains("ST3(0.01)"), text.out);
        assertTrue(text.out.contains("74,000"), text.out);
    }

    @Test
    void describeNamesTheJudgedModelOnlyWhenItIsAReading(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("judged.yaml"), """
                family: judged
                paperTable: 7
                task: {kind: adding}
                stopping: {rule: st3, beta: 0.01}
                models:
                  lstm1997: {kind: lstm1997, blocks: 1, cellsPerBlock: 2, learningRate: 0.5, budget: 40}
                  lstm1997.linear-output: {outputUnit: linear, reading: "a linear output unit"}
                rows:
                  - {id: judged-t12, task: {T: 12}, judge: lstm1997.linear-output}
                  - {id: faithful-t12, task: {T: 12}}
                """);
        CliHarness judged = CliHarness.run(dir, "describe", "judged-t12");
        assertEquals(0, judged.exitCode, judged.err);
        assertTrue(judged.out.contains("judged on: lstm1997.linear-output (a reading; see its text)"), judged.out);
        CliHarness faithful = CliHarness.run(dir, "describe", "faithful-t12");
        assertEquals(0, faithful.exitCode, faithful.err);
        assertFalse(faithful.out.contains("judged on"), faithful.out);
        CliHarness json = CliHarness.run(dir, "describe", "faithful-t12", "--format", "json");
        assertEquals("lstm1997", new ObjectMapper().readTree(json.out).get("judgedModel").asText());
    }

    /**
     * The paper's weight count of its own network on every row, and the size of its gradient
     * baseline: Table 1's RTRL nets, Table 2's (p+2)^2, elsewhere about as many weights as LSTM.
     */
    @Test
    void describeGivesThePapersWeightCountsForEveryRow() throws Exception {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (String id : List.of("reber-4x1-lr0.1", "reber-4x1-lr0.5")) {
            expected.put(id, new long[] {264, 494});
        }
        for (String id : List.of("reber-3x2-lr0.1", "reber-3x2-lr0.2", "reber-3x2-lr0.5")) {
            expected.put(id, new long[] {276, 494});
        }
        expected.put("noise-free-p4", new long[] {40, 36});
        expected.put("noise-free-p10", new long[] {154, 144});
        expected.put("noise-free-p100", new long[] {10504, 10404});
        expected.put("no-local-regularities-p100", new long[] {10504, 10404});
        for (String qp : List.of("q50-p50", "q100-p100", "q200-p200", "q500-p500", "q1000-p1000", "q1000-p500",
                "q1000-p200", "q1000-p100", "q1000-p50")) {
            long p = Long.parseLong(qp.substring(qp.indexOf("-p") + 2));
            expected.put("very-long-lag-" + qp, new long[] {6 * p + 64, 6 * p + 72});
        }
        for (String id : List.of("two-sequence-t100-n3", "two-sequence-t100-n1", "two-sequence-t1000-n3",
                "noisy-two-sequence-t100-n3", "noisy-two-sequence-t100-n1", "noisy-two-sequence-t1000-n1",
                "continuous-two-sequence-t100-n3", "continuous-two-sequence-t100-n1")) {
            expected.put(id, new long[] {102, 109});
        }
        for (String id : List.of("adding-t100", "adding-t500", "adding-t1000", "multiplication-t100-n140",
                "multiplication-t100-n13")) {
            expected.put(id, new long[] {93, 97});
        }
        expected.put("temporal-order-2", new long[] {156, 144});
        expected.put("temporal-order-3", new long[] {308, 316});
        assertEquals(33, expected.size());

        for (Map.Entry<String, long[]> row : expected.entrySet()) {
            CliHarness describe = CliHarness.run(CliHarness.projectCatalog(), "describe", row.getKey(), "--format", "json");
            assertEquals(0, describe.exitCode, describe.err);
            JsonNode models = new ObjectMapper().readTree(describe.out).get("models");
            assertEquals(row.getValue()[0], parameters(models, "lstm1997"), row.getKey() + " lstm1997");
            assertEquals(row.getValue()[1], parameters(models, "rnn1997"), row.getKey() + " rnn1997");
        }
    }

    private static long parameters(JsonNode models, String name) {
        for (JsonNode model : models) {
            if (model.get("name").asText().equals(name)) {
                return model.get("parameters").asLong();
            }
        }
        throw new AssertionError("no model " + name + " in " + models);
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }
}
