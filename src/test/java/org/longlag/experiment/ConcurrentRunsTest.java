package org.longlag.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.report.ResultStore;

/**
 * Several runs on one results directory: each trial is run once, whoever runs it, and a claim
 * whose holder died is taken over. The runs are {@link ExperimentRunner}s on the tiny test catalog
 * in threads of this JVM (kept apart by the process-wide set of claims) and, for the OS lock, a
 * second JVM ({@link LockHolder}) holding a trial's lock file.
 */
class ConcurrentRunsTest {
    private static final RunEnvironment ENVIRONMENT =
            new RunEnvironment("abc", false, "17", "1.0.0-M2.1", "Linux", "cpu");
    private static final int TRIALS = 3;

    private static List<ExperimentRow> rows;

    @TempDir
    Path results;

    @BeforeAll
    static void loadCatalog() throws URISyntaxException {
        rows = ExperimentCatalog.load(Path.of(ConcurrentRunsTest.class.getResource("/experiments").toURI()))
                .resolve("tiny-t12");
    }

    private static ExperimentRunner.Options options() {
        return new ExperimentRunner.Options(List.of("rnn"), TRIALS, 1997, null, null, 1, false);
    }

    private ExperimentRunner runner() {
        return new ExperimentRunner(new ResultStore(results), ENVIRONMENT, 1);
    }

    /** Trial indices of the result lines, in file order. */
    private List<Integer> recordedTrials() throws Exception {
        Path file = results.resolve("runs/tiny-t12.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        List<Integer> trials = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            trials.add(json.readTree(line).get("trial").asInt());
        }
        return trials;
    }

    private static List<Integer> sorted(List<Integer> trials) {
        return trials.stream().sorted().toList();
    }

    /** Makes each trial last long enough for the other run to meet it while it runs. */
    private static ExperimentRunner.Listener slow() {
        return new ExperimentRunner.Listener() {
            @Override
            public void started(TrialPlan plan) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private TrialPlan plan(int trial) {
        return ExperimentRunner.plan(rows, options()).get(trial);
    }

    @Test
    void twoRunsStartedTogetherRunEachTrialOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<ExperimentRunner.Summary> run = () -> {
            ExperimentRunner runner = runner();
            start.await();
            return runner.run(rows, options(), slow());
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<ExperimentRunner.Summary> a = threads.submit(run);
            Future<ExperimentRunner.Summary> b = threads.submit(run);
            ExperimentRunner.Summary first = a.get(5, TimeUnit.MINUTES);
            ExperimentRunner.Summary second = b.get(5, TimeUnit.MINUTES);

            assertEquals(List.of(0, 1, 2), sorted(recordedTrials()), "each trial once, not twice");
            assertEquals(TRIALS, first.ran() + second.ran(), first + " " + second);
            assertEquals(TRIALS, first.skipped() + first.elsewhere() + second.skipped() + second.elsewhere(),
                    "every trial one run did not run, it found recorded or running: " + first + " " + second);
            assertTrue(first.elsewhere() + second.elsewhere() > 0,
                    "the runs met while a trial was running: " + first + " " + second);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTrialRecordedAfterPlanningIsNotRunAgain() throws Exception {
        ExperimentRunner.Summary late = runner().run(rows, options(), new ExperimentRunner.Listener() {
            @Override
            public void planned(int toRun, int skipped, long totalBudget) {
                assertEquals(TRIALS, toRun);
                try {
                    // Another run records every trial between this run's planning and its claims.
                    assertEquals(TRIALS, runner().run(rows, options(), new ExperimentRunner.Listener() { }).ran());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertEquals(new ExperimentRunner.Summary(0, TRIALS, 0), late);
        assertEquals(List.of(0, 1, 2), recordedTrials());
    }

    @Test
    void aTrialClaimedInThisProcessIsLeftToItsHolder() throws Exception {
        TrialClaims claims = new TrialClaims(results);
        Optional<TrialClaims.Claim> held = claims.tryClaim(plan(1));
        assertTrue(held.isPresent());
        try (TrialClaims.Claim claim = held.get()) {
            assertTrue(claims.tryClaim(plan(1)).isEmpty(), "one holder per trial within a JVM too");
            ExperimentRunner.Summary summary = runner().run(rows, options(), new ExperimentRunner.Listener() { });
            assertEquals(new ExperimentRunner.Summary(2, 0, 1), summary);
            assertEquals("2 trial(s) run, 0 already recorded, 1 running elsewhere", summary.describe());
            assertEquals(List.of(0, 2), recordedTrials());
        }
        ExperimentRunner.Summary after = runner().run(rows, options(), new ExperimentRunner.Listener() { });
        assertEquals(new ExperimentRunner.Summary(1, 2, 0), after);
        assertEquals("1 trial(s) run, 2 already recorded", after.describe());
        assertEquals(List.of(0, 1, 2), sorted(recordedTrials()));
    }

    @Test
    void aTrialLockedByAnotherProcessIsLeftToItAndTakenOverWhenItDies() throws Exception {
        Path lock = new TrialClaims(results).lockFile(plan(0));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lock.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the other process holds the claim");

            ExperimentRunner.Summary summary = runner().run(rows, options(), new ExperimentRunner.Listener() { });
            assertEquals(new ExperimentRunner.Summary(2, 0, 1), summary);
            assertEquals(List.of(1, 2), recordedTrials());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // Killed mid-trial: its lock file stays, its lock went with it.
        assertTrue(Files.exists(lock));
        ExperimentRunner.Summary after = runner().run(rows, options(), new ExperimentRunner.Listener() { });
        assertEquals(new ExperimentRunner.Summary(1, 2, 0), after);
        assertEquals(List.of(0, 1, 2), sorted(recordedTrials()));
    }

    @Test
    void aLockFileLeftUnlockedIsTakenOver() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            Path lock = new TrialClaims(results).lockFile(plan(trial));
            Files.createDirectories(lock.getParent());
            Files.createFile(lock);
        }
        assertEquals(new ExperimentRunner.Summary(TRIALS, 0, 0),
                runner().run(rows, options(), new ExperimentRunner.Listener() { }));
        assertEquals(List.of(0, 1, 2), recordedTrials());
    }

    @Test
    void claimsAreOneEmptyFilePerTrialUnderClaims() throws Exception {
        runner().run(rows, options(), new ExperimentRunner.Listener() { });
        Map<String, Long> files = new TreeMap<>();
        try (var listing = Files.walk(results.resolve("claims"))) {
            listing.filter(Files::isRegularFile).forEach(f -> files.put(results.relativize(f).toString()
                    .replace('\\', '/').replaceAll("-[0-9a-f]{16}-", "-HASH-"), f.toFile().length()));
        }
        assertEquals(Map.of("claims/tiny-t12/rnn-HASH-0.lock", 0L, "claims/tiny-t12/rnn-HASH-1.lock", 0L,
                "claims/tiny-t12/rnn-HASH-2.lock", 0L), files);
        // Released: a later run (here, a rerun with --fresh) claims them again.
        ExperimentRunner.Options fresh = new ExperimentRunner.Options(List.of("rnn"), 1, 1997, null, null, 1, true);
        assertEquals(new ExperimentRunner.Summary(1, 0, 0),
                runner().run(rows, fresh, new ExperimentRunner.Listener() { }));
    }
}
