package org.longlag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairsTableTest {

    private static TrialResult trial(String model, int index, boolean success, long seen, String hash,
            Double seconds) {
        Map<String, Object> config = seconds == null ? Map.of() : Map.of("budgetSeconds", seconds);
        TrialResult.Provenance provenance = new TrialResult.Provenance("abc", false, hash, config, "17", "1.0.0-M2.1",
                "Linux", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
        return new TrialResult("adding-t100", model, model, model + " protocol " + hash, 10, index, index, success,
                1_000_000, seen, success ? seen : null, Map.of(), 2560, success ? 0 : 2000, 0.01, 0.02, 60.0,
                null, provenance);
    }

    private static PaperRow row(Set<String> current) {
        return new PaperRow("adding-t100", "adding", 7, "Adding problem", 10,
                List.of("lstm", "rnn", "lstm1997", "rnn1997"), List.of(Map.of("method", "LSTM")), Map.of(), current);
    }

    @Test
    void setsEachPairSideBySideWithTheSharedTimeBudget() {
        List<TrialResult> trials = List.of(
                trial("lstm", 0, true, 100_000, "now", 1800.0), trial("lstm", 1, true, 200_000, "now", 1800.0),
                trial("rnn", 0, false, 3_000_000, "now", 1800.0),
                trial("lstm1997", 0, false, 1_000_000, "now", null));
        String section = PairsTable.render(List.of(row(Set.of("now"))), Map.of("adding-t100", trials));

        assertTrue(section.contains("| adding-t100 | 2/2 · 150,000 | 0/1 | 1,800 s | 0/1 | – |"), section);
    }

    @Test
    void marksALineTheExperimentFileNoLongerDescribes() {
        List<TrialResult> trials = List.of(trial("lstm", 0, true, 100_000, "old", 600.0),
                trial("rnn", 0, false, 3_000_000, "now", 1800.0));
        String section = PairsTable.render(List.of(row(Set.of("now"))), Map.of("adding-t100", trials));

        assertTrue(section.contains("| adding-t100 | 1/1 · 100,000 " + PairsTable.EARLIER + " | 0/1 | 600 s / 1,800 s |"),
                section);
    }

    @Test
    void aBudgetIsEmptyWhenNeitherBuiltInModelRan() {
        ModelSummary none = ModelSummary.of(ModelLine.of("lstm", List.of()));
        assertEquals("", PairsTable.budget(none, none));
    }
}
