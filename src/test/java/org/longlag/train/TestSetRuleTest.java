package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longlag.train.Fixtures.score;
import static org.longlag.train.Fixtures.testScores;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.longlag.train.Fixtures.ScriptedProbe;

class TestSetRuleTest {

    private static TestSetRule exp3a() {
        return new TestSetRule(256, 1000, 0, 0.01);
    }

    @Test
    void checksAtEachMultipleOfTheCadence() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(256, 1, 0.1))
                .then(testScores(256, 1, 0.1));
        assertFalse(rule.isMet(0, probe));
        assertFalse(rule.isMet(999, probe));
        assertEquals(0, rule.checks());
        assertFalse(rule.isMet(1000, probe));
        assertEquals(1, rule.checks());
        assertFalse(rule.isMet(1001, probe));
        assertFalse(rule.isMet(1999, probe));
        assertEquals(1, rule.checks());
        assertFalse(rule.isMet(2000, probe));
        assertEquals(2, rule.checks());
        assertEquals(List.of(256, 256), probe.testSetSizes);
        // Each check scores its own fresh test set.
        assertEquals(probe.testSets, probe.evaluated);
        assertNotSame(probe.testSets.get(0), probe.testSets.get(1));
    }

    @Test
    void aBatchJumpOverAMultipleTriggersTheCheck() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe().then(testScores(256, 0, 0.001));
        assertFalse(rule.isMet(990, probe));
        assertTrue(rule.isMet(1022, probe));
        assertEquals(Map.of("ST1", 1022L, "ST2", 1022L), rule.milestones());
    }

    @Test
    void aJumpOverSeveralMultiplesChecksOnce() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe().then(testScores(256, 2, 0.1));
        assertFalse(rule.isMet(990, probe));
        assertFalse(rule.isMet(3010, probe));
        assertEquals(1, rule.checks());
        assertFalse(rule.isMet(3999, probe));
        assertEquals(1, rule.checks());
    }

    @Test
    void recordsSt1ThenSt2() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(256, 3, 0.2))
                .then(testScores(256, 0, 0.02))
                .then(testScores(256, 0, 0.005));
        assertFalse(rule.isMet(1000, probe));
        assertEquals(3, rule.lastWrong());
        assertTrue(rule.milestones().isEmpty());
        assertFalse(rule.isMet(2000, probe));
        assertEquals(Map.of("ST1", 2000L), rule.milestones());
        assertTrue(rule.isMet(3000, probe));
        assertEquals(List.of(Map.entry("ST1", 2000L), Map.entry("ST2", 3000L)),
                List.copyOf(rule.milestones().entrySet()));
        assertEquals(0.005, rule.lastMeanAbsError(), 1e-15);
    }

    @Test
    void st2NeedsSt1OnTheSameTestSet() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(256, 0, 0.02))
                .then(testScores(256, 1, 0.001))
                .then(testScores(256, 0, 0.001));
        assertFalse(rule.isMet(1000, probe));
        assertFalse(rule.isMet(2000, probe)); // low error, but one wrong
        assertTrue(rule.isMet(3000, probe));
        assertEquals(Map.of("ST1", 1000L, "ST2", 3000L), rule.milestones());
    }

    @Test
    void onceMetStaysMetWithoutFurtherChecks() {
        TestSetRule rule = exp3a();
        ScriptedProbe probe = new ScriptedProbe().then(testScores(256, 0, 0.001));
        assertTrue(rule.isMet(1000, probe));
        assertTrue(rule.isMet(5000, probe));
        assertEquals(1, rule.checks());
    }

    @Test
    void withoutSt2StopsAtSt1() {
        TestSetRule rule = new TestSetRule(256, 1000, 0, OptionalDouble.empty());
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(256, 1, 0.001))
                .then(testScores(256, 0, 0.3));
        assertFalse(rule.isMet(1000, probe));
        assertTrue(rule.isMet(2000, probe));
        assertEquals(Map.of("ST1", 2000L), rule.milestones());
        assertFalse(rule.hasSt2());
    }

    @Test
    void exp3bAllowsFiveWrong() {
        TestSetRule rule = new TestSetRule(256, 1000, 5, 0.04);
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(256, 6, 0.01))
                .then(testScores(256, 5, 0.01));
        assertFalse(rule.isMet(1000, probe));
        assertTrue(rule.isMet(2000, probe));
    }

    @Test
    void meanAbsoluteErrorIsStrictAndNeverNotANumber() {
        TestSetRule rule = new TestSetRule(4, 10, 0, 0.25);
        ScriptedProbe probe = new ScriptedProbe()
                .then(testScores(4, 0, 0.25))
                .then(List.of(score(true, 0, 0), score(true, 0, 0), score(true, 0, 0),
                        score(true, Double.NaN, Double.NaN)));
        assertFalse(rule.isMet(10, probe));
        assertFalse(rule.isMet(20, probe));
        assertTrue(Double.isNaN(rule.lastMeanAbsError()));
    }

    @Test
    void meanAbsoluteErrorWeighsEverySequenceTheSame() {
        TestSetRule rule = new TestSetRule(2, 10, 0, 0.012);
        // Pooled over the 4 outputs the mean would be 0.06 / 4 = 0.015; per sequence it is 0.01.
        ScriptedProbe probe = new ScriptedProbe().then(List.of(
                new SequenceScore(true, 0, 1, 0, 0), new SequenceScore(true, 0, 3, 0.02, 0.06)));
        assertTrue(rule.isMet(10, probe));
        assertEquals(0.01, rule.lastMeanAbsError(), 1e-15);
    }

    @Test
    void ignoresTrainingScores() {
        TestSetRule rule = exp3a();
        rule.recordTraining(score(false, 1, 1));
        assertFalse(rule.isMet(999, Fixtures.UNUSED));
    }

    @Test
    void rejectsACountGoingBackOrAnEmptyTestSet() {
        TestSetRule rule = exp3a();
        rule.isMet(500, Fixtures.UNUSED);
        assertEquals("sequencesSeen went back from 500 to 400",
                assertThrows(IllegalArgumentException.class, () -> rule.isMet(400, Fixtures.UNUSED))
                        .getMessage());
        ScriptedProbe empty = new ScriptedProbe().then(List.of());
        assertThrows(IllegalStateException.class, () -> rule.isMet(1000, empty));
    }

    @Test
    void describesLikeThePaper() {
        assertEquals("ST1 (≤0 of 256 wrong), ST2 (mean |error| < 0.01), checked every 1000",
                exp3a().describe());
        assertEquals("ST1 (≤5 of 256 wrong), ST2 (mean |error| < 0.04), checked every 1000",
                new TestSetRule(256, 1000, 5, 0.04).describe());
        assertEquals("ST1 (≤0 of 256 wrong), checked every 500",
                new TestSetRule(256, 500, 0, OptionalDouble.empty()).describe());
        assertEquals("TestSetRule[testSize=256, checkEvery=1000, maxWrong=0, maxMeanAbsError=0.015]",
                new TestSetRule(256, 1000, 0, 0.015).toString());
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("maxWrong must be an integer in [0, 255], got 256",
                assertThrows(IllegalArgumentException.class, () -> new TestSetRule(256, 1000, 256, 0.01))
                        .getMessage());
        assertEquals("checkEvery must be an integer in [1, 1000000], got 0",
                assertThrows(IllegalArgumentException.class, () -> new TestSetRule(256, 0, 0, 0.01))
                        .getMessage());
        assertEquals("maxMeanAbsError must be a number > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TestSetRule(256, 1000, 0, 0.0))
                        .getMessage());
    }
}
