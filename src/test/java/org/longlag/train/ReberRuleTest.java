package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longlag.train.Fixtures.all;
import static org.longlag.train.Fixtures.record;
import static org.longlag.train.Fixtures.score;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.longlag.task.Sequence;
import org.longlag.train.Fixtures.ScriptedProbe;

class ReberRuleTest {

    private static final SequenceScore RIGHT = score(true, 0.01, 0.1);
    private static final SequenceScore WRONG = score(false, 0.5, 0.9);

    private final List<Sequence> training = Fixtures.sequences(256);

    @Test
    void checksBothSetsAfterAStreakAndIsMetWhenAllAreCorrect() {
        ReberRule rule = new ReberRule();
        ScriptedProbe probe = new ScriptedProbe(training).then(all(256, true)).then(all(256, true));
        record(rule, 255, RIGHT);
        assertFalse(rule.isMet(255, probe));
        assertTrue(probe.evaluated.isEmpty());
        rule.recordTraining(RIGHT);
        assertTrue(rule.isMet(256, probe));
        assertEquals(2, probe.evaluated.size());
        assertSame(training, probe.evaluated.get(0));
        assertSame(probe.testSets.get(0), probe.evaluated.get(1));
        assertEquals(List.of(256), probe.testSetSizes);
        assertTrue(rule.isMet(300, probe)); // stays met, no further evaluation
        assertEquals(1, rule.checks());
        assertTrue(rule.milestones().isEmpty());
    }

    @Test
    void aWrongTrainingSequenceRestartsTheStreak() {
        ReberRule rule = new ReberRule(10);
        record(rule, 9, RIGHT);
        rule.recordTraining(WRONG);
        record(rule, 9, RIGHT);
        assertFalse(rule.isMet(19, Fixtures.UNUSED));
        rule.recordTraining(RIGHT);
        ScriptedProbe probe = new ScriptedProbe(training).then(all(256, true)).then(all(256, true));
        assertTrue(rule.isMet(20, probe));
    }

    @Test
    void aTrainingSetFailureSkipsTheTestSetAndNeedsAFreshStreak() {
        ReberRule rule = new ReberRule(10);
        List<SequenceScore> oneWrong = new ArrayList<>(all(256, true));
        oneWrong.set(100, WRONG);
        ScriptedProbe probe = new ScriptedProbe(training).then(oneWrong);
        record(rule, 10, RIGHT);
        assertFalse(rule.isMet(10, probe));
        assertEquals(1, probe.evaluated.size());
        assertTrue(probe.testSetSizes.isEmpty());
        record(rule, 9, RIGHT);
        assertFalse(rule.isMet(19, probe)); // the streak starts over after a failed check
        assertEquals(1, rule.checks());
        rule.recordTraining(RIGHT);
        probe.then(all(256, true)).then(all(256, true));
        assertTrue(rule.isMet(20, probe));
        assertEquals(2, rule.checks());
    }

    @Test
    void aTestSetFailureIsNotMet() {
        ReberRule rule = new ReberRule(10);
        ScriptedProbe probe = new ScriptedProbe(training).then(all(256, true)).then(all(256, false));
        record(rule, 10, RIGHT);
        assertFalse(rule.isMet(10, probe));
        assertEquals(2, probe.evaluated.size());
    }

    @Test
    void theStreakMayBeCompletedWithinABatch() {
        ReberRule rule = new ReberRule(10);
        ScriptedProbe probe = new ScriptedProbe(training).then(all(256, true)).then(all(256, true));
        record(rule, 8, RIGHT);
        assertFalse(rule.isMet(8, probe));
        record(rule, 8, RIGHT);
        assertTrue(rule.isMet(16, probe));
    }

    @Test
    void needsAFiniteTrainingSet() {
        ReberRule rule = new ReberRule(1);
        rule.recordTraining(RIGHT);
        assertThrows(IllegalStateException.class, () -> rule.isMet(1, new ScriptedProbe()));
    }

    @Test
    void describesItself() {
        assertEquals("every training and test string correct, checked after 256 correct in a row",
                new ReberRule().describe());
        assertEquals("ReberRule[streak=64]", new ReberRule(64).toString());
        assertEquals("streak must be an integer in [1, 1000000], got 0",
                assertThrows(IllegalArgumentException.class, () -> new ReberRule(0)).getMessage());
    }
}
