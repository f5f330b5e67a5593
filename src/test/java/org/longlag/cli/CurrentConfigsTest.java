package org.longlag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.TrialPlan;
import org.longlag.report.TrialResult;

/** The tables judge a model on the line of its current settings, whatever older lines hold. */
class CurrentConfigsTest {

    private static TrialResult result(String configHash, Map<String, Object> config, int trial) {
        TrialResult.Provenance provenance = new TrialResult.Provenance("c", false, configHash, config, "17", "M2.1",
                "os", "cpu", 1, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z");
        return new TrialResult("tiny-t12", "rnn", "rnn", "p", 10, trial, 1, false, 16, 16, null, Map.of(), 16, 16,
                0.1, 0.1, 1.0, null, provenance);
    }

    @Test
    void aTrialIsCurrentWhenItsFileStillGivesItsConfiguration() {
        ExperimentRow row = ExperimentCatalog.load(CliHarness.testCatalog()).row("tiny-t12");
        TrialPlan plan = TrialPlan.of(row, row.model("rnn"), 0, 16, 7L);
        TrialResult current = result(plan.configHash(), plan.config(), 0);
        TrialResult older = result("0123456789abcdef", Map.of("runSeed", 7L), 1);
        TrialResult otherSeed = result(plan.configHash(), Map.of("runSeed", 8L), 2);
        assertEquals(Set.of(plan.configHash()), TablesCommand.currentConfigs(row, List.of(current, older, otherSeed)));
        assertEquals(Set.of(), TablesCommand.currentConfigs(row, List.of(older)));
    }
}
