package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longlag.train.Fixtures.UNUSED;
import static org.longlag.train.Fixtures.good;
import static org.longlag.train.Fixtures.record;
import static org.longlag.train.Fixtures.score;

import org.junit.jupiter.api.Test;

class St3RuleTest {

    @Test
    void needsAFullWindow() {
        St3Rule rule = new St3Rule(0.01, 2000);
        assertTrue(Double.isNaN(rule.averageError()));
        record(rule, 1999, good(0.005));
        assertFalse(rule.isMet(1999, UNUSED));
        rule.recordTraining(good(0.005));
        assertTrue(rule.isMet(2000, UNUSED));
        assertEquals(0.005, rule.averageError(), 1e-15);
        assertTrue(rule.milestones().isEmpty());
    }

    @Test
    void anIncorrectSequenceBlocksUntilItLeavesTheWindow() {
        St3Rule rule = new St3Rule(0.01, 2000);
        record(rule, 2000, good(0.001));
        assertTrue(rule.isMet(2000, UNUSED));
        rule.recordTraining(score(false, 0.001, 0.05)); // low error, but wrong
        assertFalse(rule.isMet(2001, UNUSED));
        record(rule, 1999, good(0.001));
        assertEquals(1, rule.incorrectInWindow());
        assertFalse(rule.isMet(4000, UNUSED));
        rule.recordTraining(good(0.001));
        assertEquals(0, rule.incorrectInWindow());
        assertTrue(rule.isMet(4001, UNUSED));
    }

    @Test
    void averageAtOrJustAboveBetaIsNotMet() {
        St3Rule justAbove = new St3Rule(0.01, 2000);
        record(justAbove, 2000, good(0.0100001));
        assertFalse(justAbove.isMet(2000, UNUSED));

        St3Rule at = new St3Rule(0.25, 4); // binary-exact values: the mean is exactly β
        record(at, 4, good(0.25));
        assertEquals(0.25, at.averageError());
        assertFalse(at.isMet(4, UNUSED));
    }

    @Test
    void theAverageIsOverTheMostRecentWindowOnly() {
        St3Rule rule = new St3Rule(0.01, 2000);
        rule.recordTraining(good(20.02)); // makes the mean of the window 0.01001
        record(rule, 1999, good(0));
        assertEquals(0.01001, rule.averageError(), 1e-12);
        assertFalse(rule.isMet(2000, UNUSED));
        rule.recordTraining(good(0));
        assertEquals(0, rule.averageError());
        assertTrue(rule.isMet(2001, UNUSED));
    }

    @Test
    void runningSumDoesNotDrift() {
        // A naive running sum loses the small errors entirely next to the huge ones (the ulp of
        // 2e15 is 0.25) and is left with garbage once the huge ones have gone.
        St3Rule rule = new St3Rule(0.01, 2000);
        record(rule, 2000, score(true, 1e12, 1e6));
        record(rule, 2000, good(0.001));
        assertEquals(0.001, rule.averageError(), 1e-15);
        assertTrue(rule.isMet(4000, UNUSED));
        for (int i = 0; i < 1000; i++) {
            rule.recordTraining(good(i % 2 == 0 ? 0.0011 : 0.0007));
        }
        assertEquals((0.001 * 1000 + 0.0011 * 500 + 0.0007 * 500) / 2000, rule.averageError(), 1e-15);
    }

    @Test
    void nonFiniteErrorsBlockOnlyWhileInTheWindow() {
        St3Rule rule = new St3Rule(0.01, 100);
        record(rule, 30, good(0.001));
        rule.recordTraining(good(Double.NaN));
        rule.recordTraining(good(Double.POSITIVE_INFINITY));
        record(rule, 98, good(0.001));
        assertFalse(rule.isMet(130, UNUSED));
        assertTrue(Double.isNaN(rule.averageError()));
        rule.recordTraining(good(0.001));
        assertFalse(rule.isMet(131, UNUSED)); // the infinity is still in
        rule.recordTraining(good(0.001));
        assertTrue(rule.isMet(132, UNUSED));
        assertEquals(0.001, rule.averageError(), 1e-15);
    }

    @Test
    void describesLikeThePaper() {
        assertEquals("ST3(0.01)", new St3Rule(0.01, 2000).describe());
        assertEquals("ST3(0.1)", new St3Rule(0.1, 2000).describe());
        assertEquals("ST3(0.01) over 500", new St3Rule(0.01, 500).describe());
        assertEquals("St3Rule[beta=0.01, window=2000]", new St3Rule(0.01, 2000).toString());
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("beta must be a number > 0, got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new St3Rule(-0.5, 2000)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new St3Rule(Double.POSITIVE_INFINITY, 2000));
        assertThrows(IllegalArgumentException.class, () -> new St3Rule(0.01, 1_000_001));
    }
}
