package org.longlag.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The result lines of a results directory as two runs of the same trials must agree on them: every
 * field but the trial's timing and provenance, plus the configuration hash that identifies the
 * trial. Keyed by row, model and trial, so the order in which trials finished does not matter.
 */
final class ResultLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLines() {
    }

    /** Comparable lines of every {@code runs/*.jsonl} under {@code results}, by {@code row/model#trial}. */
    static Map<String, JsonNode> comparable(Path results) {
        Map<String, JsonNode> lines = new TreeMap<>();
        for (String line : all(results)) {
            ObjectNode node = (ObjectNode) read(line);
            String key = node.get("experiment").asText() + "/" + node.get("model").asText() + "#"
                    + node.get("trial").asInt();
            String hash = node.get("provenance").get("configHash").asText();
            node.remove(List.of("wallSeconds", "provenance"));
            node.put("configHash", hash);
            if (lines.put(key, node) != null) {
                throw new AssertionError("trial recorded twice: " + key);
            }
        }
        return lines;
    }

    /** Every line of every result file under {@code results}, files in name order. */
    static List<String> all(Path results) {
        Path runs = results.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runs)) {
            return files.sorted().flatMap(ResultLines::lines).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("unreadable result line: " + line, e);
        }
    }
}
