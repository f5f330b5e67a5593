package org.longlag.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoppingRulesTest {

    /** A spec as the YAML parser would hand it over: keys in file order, nulls allowed. */
    private static Map<String, Object> spec(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Every stopping rule of the paper, as an experiment file would state it. */
    static Stream<Arguments> paperRules() {
        return Stream.of(
                Arguments.of("Exp 1", spec("rule", "reber"),
                        "every training and test string correct, checked after 256 correct in a row"),
                Arguments.of("Exp 2a/2b", spec("rule", "abs-streak", "beta", 0.25), "ABS(0.25) over 10000"),
                Arguments.of("Exp 2c", spec("rule", "abs-streak", "beta", 0.2, "window", 10000),
                        "ABS(0.2) over 10000"),
                Arguments.of("Exp 3a", spec("rule", "test-set", "maxWrong", 0, "maxMeanAbsError", 0.01),
                        "ST1 (≤0 of 256 wrong), ST2 (mean |error| < 0.01), checked every 1000"),
                Arguments.of("Exp 3b", spec("rule", "test-set", "maxWrong", 5, "maxMeanAbsError", 0.04),
                        "ST1 (≤5 of 256 wrong), ST2 (mean |error| < 0.04), checked every 1000"),
                Arguments.of("Exp 3c", spec("rule", "test-set", "maxMeanAbsError", 0.015),
                        "ST1 (≤0 of 256 wrong), ST2 (mean |error| < 0.015), checked every 1000"),
                Arguments.of("Exp 4", spec("rule", "st3", "beta", 0.01), "ST3(0.01)"),
                Arguments.of("Exp 5", spec("rule", "wrong-of-recent", "fewerThan", 140),
                        "fewer than 140 of the last 2000 with |error| > 0.04"),
                Arguments.of("Exp 5", spec("rule", "wrong-of-recent", "fewerThan", 13, "tolerance", 0.04),
                        "fewer than 13 of the last 2000 with |error| > 0.04"),
                Arguments.of("Exp 6", spec("rule", "st3", "beta", 0.1), "ST3(0.1)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("paperRules")
    void buildsThePapersRules(String experiment, Map<String, Object> spec, String description) {
        assertEquals(description, StoppingRules.create(spec).describe());
        assertDoesNotThrow(() -> StoppingRules.validate(spec));
    }

    @Test
    void appliesTheDefaults() {
        assertEquals(10_000, ((AbsStreakRule) StoppingRules.create(spec("rule", "abs-streak", "beta", 0.25)))
                .window());
        assertEquals(2000, ((St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 0.01))).window());
        WrongOfRecentRule wrong = (WrongOfRecentRule) StoppingRules.create(
                spec("rule", "wrong-of-recent", "fewerThan", 140));
        assertEquals(0.04, wrong.tolerance());
        assertEquals(2000, wrong.window());
        TestSetRule test = (TestSetRule) StoppingRules.create(spec("rule", "test-set"));
        assertEquals(256, test.testSize());
        assertEquals(1000, test.checkEvery());
        assertEquals(0, test.maxWrong());
        assertEquals(OptionalDouble.empty(), test.maxMeanAbsError());
        assertEquals(256, ((ReberRule) StoppingRules.create(spec("rule", "reber"))).streak());
    }

    @Test
    void overridesTheDefaults() {
        St3Rule st3 = (St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 0.05, "window", 500));
        assertEquals(0.05, st3.beta());
        assertEquals(500, st3.window());
        TestSetRule test = (TestSetRule) StoppingRules.create(spec("rule", "test-set", "testSize", 100,
                "checkEvery", 250, "maxWrong", 2, "maxMeanAbsError", 0.02));
        assertEquals("TestSetRule[testSize=100, checkEvery=250, maxWrong=2, maxMeanAbsError=0.02]",
                test.toString());
        assertEquals(64, ((ReberRule) StoppingRules.create(spec("rule", "reber", "streak", 64))).streak());
        WrongOfRecentRule wrong = (WrongOfRecentRule) StoppingRules.create(
                spec("rule", "wrong-of-recent", "fewerThan", 5, "tolerance", 0, "window", 100));
        assertEquals("WrongOfRecentRule[fewerThan=5, tolerance=0, window=100]", wrong.toString());
    }

    @Test
    void acceptsEveryKindOfYamlNumber() {
        assertEquals(1.0, ((St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 1))).beta());
        assertEquals(0.5, ((St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 0.5f))).beta());
        assertEquals(0.01, ((St3Rule) StoppingRules.create(
                spec("rule", "st3", "beta", new BigDecimal("0.01")))).beta());
        assertEquals(2000, ((St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 0.01, "window", 2000L)))
                .window());
        assertEquals(2000, ((St3Rule) StoppingRules.create(spec("rule", "st3", "beta", 0.01, "window", 2e3)))
                .window());
        assertEquals(2000, ((St3Rule) StoppingRules.create(
                spec("rule", "st3", "beta", 0.01, "window", BigInteger.valueOf(2000)))).window());
    }

    @Test
    void createsAFreshRuleEachTime() {
        Map<String, Object> spec = spec("rule", "st3", "beta", 0.01);
        assertNotSame(StoppingRules.create(spec), StoppingRules.create(spec));
        assertInstanceOf(St3Rule.class, StoppingRules.create(spec));
    }

    static Stream<Arguments> badSpecs() {
        Map<String, Object> nullBeta = new HashMap<>();
        nullBeta.put("rule", "st3");
        nullBeta.put("beta", null);
        return Stream.of(
                // the rule
                Arguments.of(spec(), "stopping.rule is missing; it must be one of "
                        + "abs-streak, st3, wrong-of-recent, test-set, reber"),
                Arguments.of(spec("rule", 3), "stopping.rule must be a string, one of "
                        + "abs-streak, st3, wrong-of-recent, test-set, reber, got 3"),
                Arguments.of(spec("rule", "st-3", "beta", 0.01), "stopping.rule must be one of "
                        + "abs-streak, st3, wrong-of-recent, test-set, reber, got \"st-3\"; did you mean st3?"),
                Arguments.of(spec("rule", "patience"), "stopping.rule must be one of "
                        + "abs-streak, st3, wrong-of-recent, test-set, reber, got \"patience\""),
                // unknown and missing keys
                Arguments.of(spec("rule", "st3", "beta", 0.01, "windw", 100),
                        "stopping.windw is not a key of rule st3 (its keys: beta, window); did you mean window?"),
                Arguments.of(spec("rule", "wrong-of-recent", "maxWrong", 140),
                        "stopping.maxWrong is not a key of rule wrong-of-recent "
                                + "(its keys: fewerThan, tolerance, window)"),
                Arguments.of(spec("rule", "reber", "beta", 0.1),
                        "stopping.beta is not a key of rule reber (its keys: streak)"),
                Arguments.of(spec("rule", "st3"), "stopping.beta is missing; rule st3 needs it"),
                Arguments.of(spec("rule", "abs-streak", "window", 10), "stopping.beta is missing; rule abs-streak needs it"),
                Arguments.of(spec("rule", "wrong-of-recent"),
                        "stopping.fewerThan is missing; rule wrong-of-recent needs it"),
                // wrong types
                Arguments.of(spec("rule", "st3", "beta", "0.01"), "stopping.beta must be a number, got \"0.01\""),
                Arguments.of(spec("rule", "st3", "beta", true), "stopping.beta must be a number, got true"),
                Arguments.of(nullBeta, "stopping.beta must be a number, got null"),
                Arguments.of(spec("rule", "st3", "beta", List.of(1, 2)), "stopping.beta must be a number, got [1, 2]"),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", 2000.5),
                        "stopping.window must be an integer, got 2000.5"),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", "2000"),
                        "stopping.window must be an integer, got \"2000\""),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", Double.NaN),
                        "stopping.window must be an integer, got NaN"),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", 3_000_000_000L),
                        "stopping.window is out of range, got 3000000000"),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", 1e10),
                        "stopping.window is out of range, got 10000000000"),
                Arguments.of(spec("rule", "test-set", "maxMeanAbsError", "none"),
                        "stopping.maxMeanAbsError must be a number, got \"none\""),
                // out of range
                Arguments.of(spec("rule", "st3", "beta", -1), "stopping.beta must be a number > 0, got -1"),
                Arguments.of(spec("rule", "abs-streak", "beta", 0), "stopping.beta must be a number > 0, got 0"),
                Arguments.of(spec("rule", "abs-streak", "beta", Double.NaN),
                        "stopping.beta must be a number > 0, got NaN"),
                Arguments.of(spec("rule", "st3", "beta", Double.POSITIVE_INFINITY),
                        "stopping.beta must be a number > 0, got Infinity"),
                Arguments.of(spec("rule", "st3", "beta", 0.01, "window", 0),
                        "stopping.window must be an integer in [1, 1000000], got 0"),
                Arguments.of(spec("rule", "abs-streak", "beta", 0.25, "window", 10_000_000),
                        "stopping.window must be an integer in [1, 1000000], got 10000000"),
                Arguments.of(spec("rule", "wrong-of-recent", "fewerThan", 0),
                        "stopping.fewerThan must be an integer in [1, 2000], got 0"),
                Arguments.of(spec("rule", "wrong-of-recent", "fewerThan", 2001),
                        "stopping.fewerThan must be an integer in [1, 2000], got 2001"),
                Arguments.of(spec("rule", "wrong-of-recent", "fewerThan", 13, "tolerance", -0.04),
                        "stopping.tolerance must be a number >= 0, got -0.04"),
                Arguments.of(spec("rule", "test-set", "testSize", 0),
                        "stopping.testSize must be an integer in [1, 1000000], got 0"),
                Arguments.of(spec("rule", "test-set", "checkEvery", -1000),
                        "stopping.checkEvery must be an integer in [1, 1000000], got -1000"),
                Arguments.of(spec("rule", "test-set", "maxWrong", -1),
                        "stopping.maxWrong must be an integer in [0, 255], got -1"),
                Arguments.of(spec("rule", "test-set", "maxWrong", 256),
                        "stopping.maxWrong must be an integer in [0, 255], got 256"),
                Arguments.of(spec("rule", "test-set", "maxMeanAbsError", 0),
                        "stopping.maxMeanAbsError must be a number > 0, got 0"),
                Arguments.of(spec("rule", "reber", "streak", 0),
                        "stopping.streak must be an integer in [1, 1000000], got 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSpecs")
    void namesTheBadKeyAndValue(Map<String, Object> spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> StoppingRules.create(spec))
                .getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> StoppingRules.validate(spec))
                .getMessage());
    }

    @Test
    void aMissingBlockIsNamed() {
        assertEquals("stopping is missing; it needs at least a rule, one of "
                        + "abs-streak, st3, wrong-of-recent, test-set, reber",
                assertThrows(IllegalArgumentException.class, () -> StoppingRules.create(null)).getMessage());
    }

    @Test
    void listsRulesAndKeys() {
        assertEquals(List.of("abs-streak", "st3", "wrong-of-recent", "test-set", "reber"),
                List.copyOf(StoppingRules.ruleNames()));
        assertEquals(List.of("testSize", "checkEvery", "maxWrong", "maxMeanAbsError"),
                StoppingRules.keysOf("test-set"));
        assertThrows(IllegalArgumentException.class, () -> StoppingRules.keysOf("st4"));
    }

    @Test
    void numbersDoNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("ST3(0.01)", StoppingRules.create(spec("rule", "st3", "beta", 0.01)).describe());
            assertEquals("stopping.beta must be a number > 0, got -0.5", assertThrows(
                    IllegalArgumentException.class,
                    () -> StoppingRules.create(spec("rule", "st3", "beta", -0.5))).getMessage());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void formatsNumbersAsWritten() {
        assertEquals("0.01", RuleChecks.format(0.01));
        assertEquals("1", RuleChecks.format(1.0));
        assertEquals("0.0001", RuleChecks.format(1e-4));
        assertEquals("10000", RuleChecks.format(1e4));
        assertEquals("0", RuleChecks.format(-0.0));
        assertEquals("-0.04", RuleChecks.format(-0.04));
    }
}
