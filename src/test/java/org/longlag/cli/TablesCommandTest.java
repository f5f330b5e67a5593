package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialResult;

/**
 * {@code longlag tables} on fixtures: a store where every trial was recorded twice (what two runs
 * of the same command did before trials were claimed), a directory without results, and the
 * figures written beside {@code TABLES.md}.
 */
class TablesCommandTest {

    @TempDir
    Path dir;

    private static TrialResult trial(int index, boolean success, String finishedAt) {
        Map<String, Object> config = Map.of("experiment", "tiny-t12", "model", "lstm", "budget", 32, "runSeed", 1997);
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "0123456789abcdef", config, "17",
                "1.0.0-M2.1", "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", finishedAt);
        return new TrialResult("tiny-t12", "lstm", "lstm", "lstm protocol", 100, index, 40 + index, success, 32, 32,
                success ? 20L : null, Map.of(), 16, success ? 0 : 8, 0.01, 0.01, 1.0,
                new TrialResult.Curve(8, List.of(0.2)), provenance);
    }

    /** Trials 0, 0, 1, 1, 2, 2 as two runs started together wrote them; the second copies differ. */
    private Path duplicated() {
        Path results = dir.resolve("results");
        ResultStore store = new ResultStore(results);
        for (int i = 0; i < 3; i++) {
            store.append(trial(i, true, "2026-01-01T00:01:00Z"));
            store.append(trial(i, false, "2026-01-01T00:02:00Z"));
        }
        return results;
    }

    @Test
    void aTrialRecordedTwiceIsCountedOnceWithAWarning() throws Exception {
        Path results = duplicated();
        CliHarness tables = CliHarness.run(null, "tables", "--results", results.toString());
        assertEquals(0, tables.exitCode, tables.err);
        assertTrue(tables.out.contains("from 3 trial result(s)"), tables.out);
        for (int line : List.of(2, 4, 6)) {
            assertTrue(tables.err.contains("warning: " + results.resolve("runs/tiny-t12.jsonl") + ":" + line
                    + ": duplicate of tiny-t12/lstm trial " + (line / 2 - 1)
                    + " (config 0123456789abcdef, run seed 1997), recorded first at "), tables.err);
        }
        assertEquals(3, tables.err.lines().filter(l -> l.contains("duplicate of")).count(), tables.err);
        String markdown = Files.readString(results.resolve("TABLES.md"));
        assertTrue(markdown.contains("| tiny-t12 | ours | lstm | 3 | 3/3 |"), "the first line of each trial: "
                + markdown);
    }

    @Test
    void compareCountsTheSameTrialsAsTables() throws Exception {
        Path results = duplicated();
        CliHarness compare = CliHarness.run(null, "compare", "tiny-t12", "--format", "json", "--results",
                results.toString());
        assertEquals(0, compare.exitCode, compare.err);
        assertEquals(3, compare.err.lines().filter(l -> l.contains("duplicate of")).count(), compare.err);
        JsonNode lstm = new ObjectMapper().readTree(compare.out).get("rows").get(0).get("pairs").get(0).get("lstm");
        assertEquals(3, lstm.get("trials").asInt());
        assertEquals(3, lstm.get("solved").asInt());
        assertEquals(0, lstm.get("leftOut").get("trials").asInt());
    }

    @Test
    void figuresAreWrittenLinkedAndTheSameBytesEveryTime() throws Exception {
        Path results = duplicated();
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, "fedcba9876543210",
                Map.of("model", "lstm1997", "runSeed", 1997), "17", "1.0.0-M2.1", "Linux", "cpu", 1, 1,
                "2026-01-01T00:00:00Z", "2026-01-01T00:03:00Z");
        new ResultStore(results).append(new TrialResult("tiny-t12", "lstm1997", "lstm1997", "lstm1997 protocol", 50,
                0, 40, false, 1000, 1000, null, Map.of(), 16, 9, 0.05, 0.2, 1.0,
                new TrialResult.Curve(100, List.of(0.2, 0.1, 0.08)), provenance));
        Path figures = results.resolve("figures");
        Files.createDirectories(figures);
        Files.writeString(figures.resolve("curves-gone.svg"), "<svg/>");
        Files.writeString(figures.resolve("compare-tiny-t12.svg"), "<svg/>");

        CliHarness first = CliHarness.run(null, "tables", "--results", results.toString());
        assertEquals(0, first.exitCode, first.err);
        assertTrue(first.out.contains("and 3 figure(s) in " + figures), first.out);
        Map<String, byte[]> written = new TreeMap<>();
        try (Stream<Path> listing = Files.list(figures)) {
            for (Path file : listing.toList()) {
                written.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        assertEquals(List.of("compare-tiny-t12.svg", "curves-tiny.svg", "sequences-all.svg", "sequences-table7.svg"),
                List.copyOf(written.keySet()), "a stale figure of tables is removed, compare's is left alone");
        String markdown = Files.readString(results.resolve("TABLES.md"));
        Matcher link = Pattern.compile("\\]\\((figures/[^)]+)\\)").matcher(markdown);
        List<String> links = new ArrayList<>();
        while (link.find()) {
            links.add(link.group(1));
            assertTrue(Files.isRegularFile(results.resolve(link.group(1))), link.group(1));
        }
        assertEquals(List.of("figures/sequences-all.svg", "figures/sequences-table7.svg", "figures/curves-tiny.svg"),
                links);
        assertTrue(new String(written.get("sequences-table7.svg"), StandardCharsets.UTF_8)
                .contains("tiny-t12 lstm1997 trial 0: not solved within its budget of 1,000 sequences"));

        byte[] tables = Files.readAllBytes(results.resolve("TABLES.md"));
        CliHarness second = CliHarness.run(null, "tables", "--results", results.toString());
        assertEquals(0, second.exitCode, second.err);
        assertArrayEquals(tables, Files.readAllBytes(results.resolve("TABLES.md")));
        for (Map.Entry<String, byte[]> file : written.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(figures.resolve(file.getKey())), file.getKey());
        }
    }

    @Test
    void aDirectoryWithoutRunsIsBadInputAndNothingIsCreated() throws Exception {
        Path missing = dir.resolve("no-such-results");
        CliHarness tables = CliHarness.run(null, "tables", "--results", missing.toString());
        assertEquals(2, tables.exitCode, tables.out + tables.err);
        assertTrue(tables.err.contains("--results: " + missing + " has no runs/ directory"), tables.err);
        assertFalse(Files.exists(missing), "nothing created");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliHarness again = CliHarness.run(null, "tables", "--results", empty.toString());
        assertEquals(2, again.exitCode, again.out + again.err);
        assertTrue(again.err.contains(empty.toString()), again.err);
        try (var listing = Files.list(empty)) {
            assertEquals(0, listing.count(), "no TABLES.md");
        }
    }
}
