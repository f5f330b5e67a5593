package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input exits with code 2 and a message naming what is wrong. */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertBadInput(CliHarness result, String... fragments) {
        assertEquals(2, result.exitCode, result.out + result.err);
        for (String fragment : fragments) {
            assertTrue(result.err.contains(fragment), "'" + fragment + "' in: " + result.err);
        }
    }

    @Test
    void unknownExperimentSuggestsTheClosestIds() {
        assertBadInput(CliHarness.run(null, "run", "tiny-t1Z"), "unknown experiment or family 'tiny-t1Z'",
                "did you mean: tiny-t12");
        assertBadInput(CliHarness.run(null, "describe", "tinyy"), "tinyy", "did you mean");
    }

    @Test
    void invalidOptionValuesAreNamed() {
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--trials", "0"), "--trials", "0");
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--max-sequences", "-5"), "--max-sequences", "-5");
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--parallel", "0"), "--parallel", "0");
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--models", "gru"), "--models", "gru", "lstm, rnn");
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--trials", "many"), "--trials", "many");
        assertBadInput(CliHarness.run(null, "list", "--format", "xml"), "--format", "xml");
    }

    @Test
    void malformedExperimentFileNamesFileAndField() throws Exception {
        String good = Files.readString(CliHarness.testCatalog().resolve("tiny.yaml"));
        Files.writeString(dir.resolve("broken.yaml"), good.replace("budget: 32", "budget: -32"));
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "models.lstm.budget", "-32");

        Files.writeString(dir.resolve("broken.yaml"), good.replace("{T: 12}", "{T: -3}"));
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "rows[0] (tiny-t12).task", "T", "-3");

        Files.writeString(dir.resolve("broken.yaml"), good.replace("hidden: 3", "hiden: 3"));
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "hiden");

        Files.writeString(dir.resolve("broken.yaml"), good.replace("beta: 0.01", "beta: fast"));
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "stopping", "beta", "fast");

        Files.writeString(dir.resolve("broken.yaml"), good.replace("rows:\n", "judge: rnn\nrows:\n"));
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "judge: must name lstm1997", "got rnn");

        Files.writeString(dir.resolve("broken.yaml"), "family: [unclosed");
        assertBadInput(CliHarness.run(dir, "list"), "broken.yaml", "not valid YAML");
    }

    @Test
    void unreadableResultLineIsSkippedWithAWarningAndTheRestKept() throws Exception {
        Path results = dir.resolve("results");
        CliHarness run = CliHarness.run(null, "run", "tiny-t12", "--models", "rnn", "--trials", "1",
                "--results", results.toString(), "--no-progress");
        assertEquals(0, run.exitCode, run.err);
        Path file = results.resolve("runs/tiny-t12.jsonl");
        String line = Files.readString(file);
        // A line cut short by a crash, then a good line appended after it.
        Files.writeString(file, line + line.substring(0, line.length() / 2));
        CliHarness more = CliHarness.run(null, "run", "tiny-t12", "--models", "rnn", "--trials", "2",
                "--results", results.toString(), "--no-progress");
        assertEquals(0, more.exitCode, more.err);
        assertEquals(3, Files.readAllLines(file).size(), "the next append starts on a fresh line");

        CliHarness tables = CliHarness.run(null, "tables", "--results", results.toString());
        assertEquals(0, tables.exitCode, tables.err);
        assertTrue(tables.err.contains("tiny-t12.jsonl:2: skipped unreadable result line"), tables.err);
        assertTrue(tables.out.contains("from 2 trial result(s)"), tables.out);
    }

    @Test
    void resultsPathThatIsAFileIsBadInput() throws Exception {
        Path results = dir.resolve("file");
        Files.writeString(results, "a file where the results directory should be");
        assertBadInput(CliHarness.run(null, "run", "tiny-t12", "--results", results.toString()), "--results",
                results.toString());
    }

    @Test
    void runtimeFailureExitsOneWithAMessage() throws Exception {
        Path results = dir.resolve("results");
        // A directory where the result file should be: the trial runs, then its line cannot be written.
        Files.createDirectories(results.resolve("runs/tiny-t12.jsonl"));
        CliHarness run = CliHarness.run(null, "run", "tiny-t12", "--models", "rnn", "--trials", "1",
                "--results", results.toString(), "--no-progress");
        assertEquals(1, run.exitCode, run.err);
        assertTrue(run.err.contains("error: cannot ") && run.err.contains("tiny-t12.jsonl"), run.err);
        assertFalse(run.err.contains("\tat "), "no bare stack trace: " + run.err);
    }
}
