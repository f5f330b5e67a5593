package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store counts a trial once: same row, model, configuration hash, run seed and trial index. */
class ResultStoreTest {

    @TempDir
    Path dir;

    private static TrialResult trial(String row, String model, String hash, long runSeed, int index, double mse) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, hash,
                Map.of("runSeed", runSeed), "17", "1.0.0-M2.1", "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z");
        return new TrialResult(row, model, model, "p", 10, index, index, false, 10, 10, null, Map.of(), 4, 1, mse,
                mse, 1.0, new TrialResult.Curve(1, List.of(mse)), provenance);
    }

    @Test
    void keepsTheFirstLineOfEachTrialAndWarnsAboutTheRest() {
        ResultStore store = new ResultStore(dir);
        store.append(trial("r", "lstm", "h1", 1997, 0, 0.1));
        store.append(trial("r", "lstm", "h1", 1997, 0, 0.2));   // the same trial again
        store.append(trial("r", "lstm", "h1", 1997, 1, 0.3));   // another trial index
        store.append(trial("r", "lstm", "h2", 1997, 0, 0.4));   // another configuration
        store.append(trial("r", "lstm", "h1", 42, 0, 0.5));     // another run seed
        store.append(trial("r", "rnn", "h1", 1997, 0, 0.6));    // another model
        store.append(trial("s", "lstm", "h1", 1997, 0, 0.7));   // another row, in its own file
        store.append(trial("r", "lstm", "h1", 1997, 0, 0.8));   // the first trial a third time

        List<String> warnings = new ArrayList<>();
        List<TrialResult> read = store.read("r", warnings::add);
        assertEquals(List.of(0.1, 0.3, 0.4, 0.5, 0.6), read.stream().map(TrialResult::testMse).toList());
        assertEquals(2, warnings.size(), warnings.toString());
        String file = store.file("r").toString();
        assertEquals(file + ":2: duplicate of r/lstm trial 0 (config h1, run seed 1997), recorded first at "
                + file + ":1; counted once", warnings.get(0));
        assertTrue(warnings.get(1).startsWith(file + ":7: "), warnings.get(1));

        List<String> allWarnings = new ArrayList<>();
        List<TrialResult> all = store.readAll(allWarnings::add);
        assertEquals(List.of(0.1, 0.3, 0.4, 0.5, 0.6, 0.7), all.stream().map(TrialResult::testMse).toList());
        assertEquals(warnings, allWarnings);
    }

    @Test
    void linesWrittenBeforeStoppedByWasRecordedReadAsBeforeAndTellHowTheyEnded() throws Exception {
        ResultStore store = new ResultStore(dir);
        store.append(trial("r", "lstm", "h1", 1997, 0, 0.1));
        String old = java.nio.file.Files.readString(store.file("r"));
        assertTrue(!old.contains("stoppedBy"), "an old-style line has no stoppedBy: " + old);
        TrialResult read = store.read("r", warning -> { }).get(0);
        assertEquals(null, read.stoppedBy());
        assertEquals("sequences", read.stopReason(), "a failed old line ran out of sequences");

        TrialResult timed = trial("t", "lstm", "h1", 1997, 0, 0.2);
        timed = new TrialResult(timed.experiment(), timed.model(), timed.kind(), timed.protocol(), timed.parameters(),
                timed.trial(), timed.seed(), false, timed.budget(), timed.sequencesSeen(), null, timed.milestones(),
                timed.testSize(), timed.testWrong(), timed.testMse(), timed.testMeanAbsError(), timed.wallSeconds(),
                timed.curve(), timed.provenance(), "seconds");
        store.append(timed);
        assertEquals("seconds", store.read("t", warning -> { }).get(0).stopReason());
    }
}
