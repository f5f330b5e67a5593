package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

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

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }
}
