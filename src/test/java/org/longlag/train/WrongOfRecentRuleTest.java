package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longlag.train.Fixtures.UNUSED;
import static org.longlag.train.Fixtures.abs;
import static org.longlag.train.Fixtures.record;
import static org.longlag.train.Fixtures.score;

import org.junit.jupiter.api.Test;

class WrongOfRecentRuleTest {

    @Test
    void needsAFullWindow() {
        WrongOfRecentRule rule = new WrongOfRecentRule(140, 0.04, 2000);
        record(rule, 1999, abs(0.01));
        assertFalse(rule.isMet(1999, UNUSED));
        rule.recordTraining(abs(0.01));
        assertTrue(rule.isMet(2000, UNUSED));
        assertTrue(rule.milestones().isEmpty());
    }

    @Test
    void fewerThanIsStrict() {
        WrongOfRecentRule rule = new WrongOfRecentRule(140, 0.04, 2000);
        record(rule, 140, abs(0.05));
        record(rule, 1860, abs(0.01));
        assertEquals(140, rule.wrongInWindow());
        assertFalse(rule.isMet(2000, UNUSED));
        rule.recordTraining(abs(0.01)); // the oldest wrong one leaves the window
        assertEquals(139, rule.wrongInWindow());
        assertTrue(rule.isMet(2001, UNUSED));
        record(rule, 139, abs(0.01)); // the other wrong ones leave too
        assertEquals(0, rule.wrongInWindow());
        record(rule, 140, abs(0.5));
        assertFalse(rule.isMet(2280, UNUSED));
    }

    @Test
    void toleranceIsExclusiveAndNotANumberIsWrong() {
        WrongOfRecentRule rule = new WrongOfRecentRule(1, 0.04, 10);
        record(rule, 10, abs(0.04)); // not above 0.04
        assertTrue(rule.isMet(10, UNUSED));
        rule.recordTraining(abs(Double.NaN));
        assertEquals(1, rule.wrongInWindow());
        assertFalse(rule.isMet(11, UNUSED));
    }

    @Test
    void judgesByTheRulesToleranceNotTheTasksVerdict() {
        WrongOfRecentRule rule = new WrongOfRecentRule(1, 0.04, 10);
        record(rule, 10, score(false, 0, 0.01));
        assertTrue(rule.isMet(10, UNUSED));
    }

    @Test
    void describesLikeThePaper() {
        assertEquals("fewer than 140 of the last 2000 with |error| > 0.04",
                new WrongOfRecentRule(140, 0.04, 2000).describe());
        assertEquals("fewer than 13 of the last 2000 with |error| > 0.04",
                new WrongOfRecentRule(13, 0.04, 2000).describe());
        assertEquals("WrongOfRecentRule[fewerThan=13, tolerance=0.04, window=2000]",
                new WrongOfRecentRule(13, 0.04, 2000).toString());
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("fewerThan must be an integer in [1, 2000], got 0",
                assertThrows(IllegalArgumentException.class, () -> new WrongOfRecentRule(0, 0.04, 2000))
                        .getMessage());
        assertEquals("fewerThan must be an integer in [1, 100], got 101",
                assertThrows(IllegalArgumentException.class, () -> new WrongOfRecentRule(101, 0.04, 100))
                        .getMessage());
        assertEquals("tolerance must be a number >= 0, got -0.04",
                assertThrows(IllegalArgumentException.class, () -> new WrongOfRecentRule(13, -0.04, 2000))
                        .getMessage());
    }
}
