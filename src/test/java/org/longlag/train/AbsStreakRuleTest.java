package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longlag.train.Fixtures.UNUSED;
import static org.longlag.train.Fixtures.abs;
import static org.longlag.train.Fixtures.record;

import org.junit.jupiter.api.Test;

class AbsStreakRuleTest {

    @Test
    void metExactlyAfterTheWholeWindow() {
        AbsStreakRule rule = new AbsStreakRule(0.25, 10_000);
        record(rule, 9_999, abs(0.24));
        assertFalse(rule.isMet(9_999, UNUSED));
        rule.recordTraining(abs(0.24));
        assertTrue(rule.isMet(10_000, UNUSED));
        assertTrue(rule.milestones().isEmpty());
    }

    @Test
    void oneSequenceAtBetaStartsTheStreakOver() {
        AbsStreakRule rule = new AbsStreakRule(0.25, 100);
        record(rule, 99, abs(0.1));
        rule.recordTraining(abs(0.25)); // not below β
        assertEquals(0, rule.streak());
        record(rule, 99, abs(0.1));
        assertFalse(rule.isMet(199, UNUSED));
        rule.recordTraining(abs(0.1));
        assertTrue(rule.isMet(200, UNUSED));
    }

    @Test
    void aFailureAfterSuccessUnmeetsTheRule() {
        AbsStreakRule rule = new AbsStreakRule(0.2, 10);
        record(rule, 50, abs(0.1));
        assertTrue(rule.isMet(50, UNUSED));
        assertEquals(10, rule.streak());
        rule.recordTraining(abs(0.3));
        assertFalse(rule.isMet(51, UNUSED));
    }

    @Test
    void notANumberFails() {
        AbsStreakRule rule = new AbsStreakRule(0.25, 3);
        record(rule, 2, abs(0.1));
        rule.recordTraining(abs(Double.NaN));
        assertEquals(0, rule.streak());
    }

    @Test
    void describesLikeThePaper() {
        assertEquals("ABS(0.25) over 10000", new AbsStreakRule(0.25, 10_000).describe());
        assertEquals("ABS(0.2) over 10000", new AbsStreakRule(0.2, 10_000).describe());
        assertEquals("AbsStreakRule[beta=0.2, window=500]", new AbsStreakRule(0.2, 500).toString());
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("beta must be a number > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> new AbsStreakRule(0, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AbsStreakRule(Double.NaN, 10));
        assertEquals("window must be an integer in [1, 1000000], got 0",
                assertThrows(IllegalArgumentException.class, () -> new AbsStreakRule(0.25, 0)).getMessage());
    }

    @Test
    void sequencesToSuccessCountTheStreakOnlyWhenAskedTo() {
        assertEquals(12_500, new AbsStreakRule(0.25, 10_000).sequencesToSuccess(12_500));
        assertEquals(2_500, new AbsStreakRule(0.25, 10_000, true).sequencesToSuccess(12_500));
        assertEquals("AbsStreakRule[beta=0.25, window=10000, count=streak-start]",
                new AbsStreakRule(0.25, 10_000, true).toString());
        StoppingRule parsed = StoppingRules.create(java.util.Map.of("rule", "abs-streak", "beta", 0.25,
                "count", "streak-start"));
        assertEquals(0, parsed.sequencesToSuccess(10_000));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StoppingRules.create(java.util.Map.of("rule", "abs-streak", "beta", 0.25, "count", "middle")));
        assertEquals("stopping.count must be one of streak-end, streak-start, got \"middle\"", bad.getMessage());
    }
}
