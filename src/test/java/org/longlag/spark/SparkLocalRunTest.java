package org.longlag.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.cli.CliHarness;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRunner;
import org.longlag.experiment.TrialClaims;
import org.longlag.experiment.TrialPlan;

/**
 * {@code run --spark local[K]}, Spark embedded in this JVM: the same result lines as a local run,
 * the same skip and claim logic, every finished trial kept when the job is killed, and bad Spark
 * options named. Short {@code lstm1997} trials of the temporal-order family keep it to seconds.
 */
class SparkLocalRunTest {
    /** Two rows, two trials each, a few hundred milliseconds a trial. */
    static final List<String> TRIALS = List.of("run", "temporal-order", "--models", "lstm1997", "--trials", "2",
            "--max-sequences", "2000", "--test-size", "32", "--no-progress");

    @TempDir
    Path dir;

    static CliHarness run(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        CliHarness result = CliHarness.run(CliHarness.projectCatalog(), args.toArray(String[]::new));
        assertEquals(0, result.exitCode, result.out + result.err);
        return result;
    }

    @Test
    void localSparkRecordsTheLinesOfAParallelRunAndResumes() {
        Path parallel = dir.resolve("parallel");
        Path spark = dir.resolve("spark");
        run(TRIALS, "--parallel", "2", "--results", parallel.toString());
        CliHarness first = run(TRIALS, "--spark", "local[2]", "--results", spark.toString());
        assertTrue(first.out.contains("4 trial(s) run, 0 already recorded"), first.out);
        assertEquals(4, ResultLines.comparable(parallel).size());
        assertEquals(ResultLines.comparable(parallel), ResultLines.comparable(spark));

        List<String> threeTrials = new ArrayList<>(TRIALS);
        threeTrials.set(threeTrials.indexOf("--trials") + 1, "3");
        CliHarness more = run(threeTrials, "--spark", "local[2]", "--results", spark.toString());
        assertTrue(more.out.contains("2 trial(s) run, 4 already recorded"), more.out);
        // --spark alone is local[*]; with nothing left to run, Spark is not even started.
        CliHarness again = run(threeTrials, "--results", spark.toString(), "--spark");
        assertTrue(again.out.contains("0 trial(s) run, 6 already recorded"), again.out);
        assertEquals(6, ResultLines.comparable(spark).size(), "each trial once");
    }

    @Test
    void aTrialClaimedByAnotherRunIsLeftToIt() {
        ExperimentRunner.Options options = new ExperimentRunner.Options(List.of("lstm1997"), 2, 1997, 2000L, 32, 1,
                false);
        TrialPlan plan = ExperimentRunner.plan(
                ExperimentCatalog.load(CliHarness.projectCatalog()).resolve("temporal-order"), options).get(1);
        Optional<TrialClaims.Claim> held = new TrialClaims(dir).tryClaim(plan);
        assertTrue(held.isPresent());
        try (TrialClaims.Claim claim = held.get()) {
            CliHarness result = run(TRIALS, "--spark", "local[2]", "--results", dir.toString());
            assertTrue(result.out.contains("3 trial(s) run, 0 already recorded, 1 running elsewhere"), result.out);
            assertEquals(3, ResultLines.all(dir).size());
        }
    }

    @Test
    void aKilledJobKeepsEveryFinishedTrialAndARerunResumes() throws Exception {
        // A job of four trials of a second or so, one at a time, in a JVM killed once a trial is in.
        List<String> slower = new ArrayList<>(TRIALS);
        slower.set(slower.indexOf("--max-sequences") + 1, "8000");
        // Killed, it cannot delete its scratch files: they go to this test's directory.
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + Path.of("scripts", "spark-java.options").toAbsolutePath(), "-Xmx1g",
                "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"),
                "org.longlag.cli.LonglagCommand", "--experiments", CliHarness.projectCatalog().toString()));
        command.addAll(slower);
        command.addAll(List.of("--spark", "local[1]", "--spark-conf", "spark.local.dir=" + scratch,
                "--results", dir.toString()));
        Process job = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("job.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ResultLines.all(dir).isEmpty() && job.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            job.destroyForcibly();
            assertTrue(job.waitFor(30, TimeUnit.SECONDS));
        }
        int kept = ResultLines.all(dir).size();
        assertTrue(kept >= 1 && kept < 4, kept + " trial(s) recorded when killed; log:\n" + log());
        assertEquals(kept, ResultLines.comparable(dir).size(), "whole lines, each trial once");

        CliHarness rerun = run(slower, "--spark", "local[2]", "--results", dir.toString());
        assertTrue(rerun.out.contains((4 - kept) + " trial(s) run, " + kept + " already recorded"), rerun.out);
        assertEquals(4, ResultLines.comparable(dir).size());
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("job.log"));
    }

    @Test
    void badSparkOptionsExitWithTwoNamingOptionAndValue() {
        assertBadInput("--spark: malformed master 'local[x]'", "--spark", "local[x]");
        assertBadInput("--spark: malformed master 'spark://host'", "--spark", "spark://host");
        assertBadInput("--spark: malformed master 'local[0]'", "--spark", "local[0]");
        assertBadInput("--spark local[2] and --parallel 2 exclude each other", "--spark", "local[2]", "--parallel", "2");
        assertBadInput("--spark-conf [spark.executor.memory] needs --spark", "--spark-conf", "spark.executor.memory=2g");
        assertBadInput("--spark-conf: 'executor.memory' is not a Spark setting", "--spark", "local[2]",
                "--spark-conf", "executor.memory=2g");
    }

    private void assertBadInput(String message, String... options) {
        List<String> args = new ArrayList<>(TRIALS);
        args.addAll(List.of(options));
        args.addAll(List.of("--results", dir.toString()));
        CliHarness result = CliHarness.run(CliHarness.projectCatalog(), args.toArray(String[]::new));
        assertEquals(2, result.exitCode, result.out + result.err);
        assertTrue(result.err.contains(message), "'" + message + "' in: " + result.err);
        assertTrue(ResultLines.all(dir).isEmpty(), "nothing run");
    }
}
