package org.longlag.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's own {@code experiments/}: one row per line of the paper's tables, each in its
 * family and table, with the paper's figures. Tests run with the project root as working directory.
 */
class CatalogTest {

    /** Every row of the paper, in catalog order (files named by experiment number, rows in file order). */
    private static final Map<String, Expected> ROWS = new LinkedHashMap<>();

    /** A row's family, paper table, number of paper trials and stopping rule. */
    private record Expected(String family, int table, int paperTrials, String rule) {
    }

    static {
        row("reber", 1, 30, "reber",
                "reber-4x1-lr0.1", "reber-3x2-lr0.1", "reber-3x2-lr0.2", "reber-4x1-lr0.5", "reber-3x2-lr0.5");
        row("noise-free", 2, 18, "abs-streak", "noise-free-p4", "noise-free-p10", "noise-free-p100");
        row("no-local-regularities", 2, 18, "abs-streak", "no-local-regularities-p100");
        row("very-long-lag", 3, 20, "abs-streak",
                "very-long-lag-q50-p50", "very-long-lag-q100-p100", "very-long-lag-q200-p200",
                "very-long-lag-q500-p500", "very-long-lag-q1000-p1000", "very-long-lag-q1000-p500",
                "very-long-lag-q1000-p200", "very-long-lag-q1000-p100", "very-long-lag-q1000-p50");
        row("two-sequence", 4, 10, "test-set", "two-sequence-t100-n3", "two-sequence-t100-n1", "two-sequence-t1000-n3");
        row("noisy-two-sequence", 5, 10, "test-set",
                "noisy-two-sequence-t100-n3", "noisy-two-sequence-t100-n1", "noisy-two-sequence-t1000-n1");
        row("continuous-two-sequence", 6, 10, "test-set",
                "continuous-two-sequence-t100-n3", "continuous-two-sequence-t100-n1");
        row("adding", 7, 10, "st3", "adding-t100", "adding-t500", "adding-t1000");
        row("multiplication", 8, 10, "wrong-of-recent", "multiplication-t100-n140", "multiplication-t100-n13");
        row("temporal-order", 9, 20, "st3", "temporal-order-2");
        row("temporal-order", 9, 10, "st3", "temporal-order-3");
    }

    private static void row(String family, int table, int paperTrials, String rule, String... ids) {
        for (String id : ids) {
            ROWS.put(id, new Expected(family, table, paperTrials, rule));
        }
    }

    /** Rows of the paper without an LSTM figure: its LSTM ran on Exp. 2a at p = 100 only. */
    private static final Set<String> WITHOUT_LSTM = Set.of("noise-free-p4", "noise-free-p10");

    /** Paper keys with a column of their own in TABLES.md. */
    private static final Set<String> COLUMN_KEYS = Set.of("method", "trials", "successPercent", "sequencesToSuccess",
            "wrongOf2560", "fractionMisclassified", "mse");

    /** Other paper keys the files use; each goes to the notes column under its name, so each must read well. */
    private static final Set<String> NOTE_KEYS = Set.of("architecture", "weights", "learningRate", "success",
            "sequencesRange", "minimalLag", "st1", "st2", "meanAbsDiff", "nSeq");

    private static ExperimentCatalog catalog;

    /** The lines of the paper's tables; the study rows after them are checked apart. */
    private static List<ExperimentRow> paperRows;

    @BeforeAll
    static void load() {
        catalog = ExperimentCatalog.load(Path.of("experiments"));
        paperRows = catalog.rows().stream().filter(r -> !r.study()).toList();
    }

    @Test
    void hasExactlyThePapersRowsInFileOrder() {
        List<String> ids = paperRows.stream().map(ExperimentRow::id).toList();
        assertEquals(33, ROWS.size());
        assertEquals(List.copyOf(ROWS.keySet()), ids);
    }

    @Test
    void everyRowHasItsFamilyTableTrialsAndRule() {
        for (ExperimentRow row : paperRows) {
            Expected expected = ROWS.get(row.id());
            assertEquals(expected.family(), row.family(), row.id());
            assertEquals(expected.table(), row.paperTable(), row.id());
            assertEquals(expected.paperTrials(), row.paperTrials(), row.id());
            assertEquals(expected.rule(), row.stopping().get("rule"), row.id());
            assertFalse(row.title().equals(row.family()), row.id() + " has a human title, not just the family name");
        }
    }

    @Test
    void hasTheTenFamiliesThenTheStudies() {
        assertEquals(List.of("reber", "noise-free", "no-local-regularities", "very-long-lag", "two-sequence",
                "noisy-two-sequence", "continuous-two-sequence", "adding", "multiplication", "temporal-order",
                "adding-lags"), catalog.families());
    }

    @Test
    void theAddingLagStudyIsAStudyOfFourLengthsWithoutPaperFigures() {
        List<ExperimentRow> study = catalog.resolve("adding-lags");
        assertEquals(List.of(12, 25, 50, 100), study.stream().map(r -> r.taskParams().get("T")).toList());
        for (ExperimentRow row : study) {
            assertTrue(row.study() && row.paper().isEmpty(), row.id());
            assertEquals(600.0, row.model("lstm").budgetSeconds(), row.id());
            assertEquals(row.model("lstm").budgetSeconds(), row.model("rnn").budgetSeconds(), row.id());
        }
        assertEquals(33, paperRows.size());
        assertFalse(paperRows.stream().anyMatch(ExperimentRow::study));
    }

    @Test
    void everyRowHasTheLstmAndRnnModels() {
        for (ExperimentRow row : catalog.rows()) {
            assertTrue(row.modelNames().containsAll(List.of("lstm", "rnn")), row.id());
            assertEquals("lstm", row.model("lstm").kind(), row.id());
            assertEquals("rnn", row.model("rnn").kind(), row.id());
            row.models().forEach(m -> assertTrue(m.budget() > 0, row.id() + "/" + m.name()));
        }
    }

    @Test
    void everyRowWithAnLstmResultInThePaperCarriesIt() {
        for (ExperimentRow row : paperRows) {
            long lstm = row.paper().stream().filter(e -> "LSTM".equals(e.get("method"))).count();
            if (WITHOUT_LSTM.contains(row.id())) {
                assertEquals(0, lstm, row.id() + ": the paper ran LSTM at p = 100 only");
                assertTrue(row.paper().stream().anyMatch(e -> "RTRL".equals(e.get("method"))),
                        row.id() + " carries the paper's RTRL figures");
            } else {
                assertEquals(1, lstm, row.id() + " has exactly one paper entry for LSTM");
            }
        }
    }

    @Test
    void paperEntriesUseOnlyKnownKeys() {
        for (ExperimentRow row : catalog.rows()) {
            for (Map<String, Object> entry : row.paper()) {
                for (String key : entry.keySet()) {
                    assertTrue(COLUMN_KEYS.contains(key) || NOTE_KEYS.contains(key),
                            row.id() + ": paper key '" + key + "' in " + entry);
                }
            }
        }
    }

    @Test
    void keyFiguresOfThePaperAreRecorded() {
        assertEquals(39740, lstm("reber-4x1-lr0.1").get("sequencesToSuccess"));
        assertEquals(97, lstm("reber-3x2-lr0.2").get("successPercent"));
        assertEquals(5, catalog.row("reber-4x1-lr0.1").paper().size(), "LSTM plus Table 1's four baselines");
        assertEquals(1, catalog.row("reber-3x2-lr0.5").paper().size(), "baselines on the first row only");
        assertEquals(5040, lstm("noise-free-p100").get("sequencesToSuccess"));
        assertEquals(10504, lstm("noise-free-p100").get("weights"));
        assertEquals(3, catalog.row("noise-free-p4").paper().size());
        assertEquals(4, catalog.row("noise-free-p100").paper().stream().map(e -> e.get("method")).distinct().count(),
                "RTRL, BPTT, CH and LSTM at p = 100");
        assertEquals(5680, lstm("no-local-regularities-p100").get("sequencesToSuccess"));
        assertEquals(6064, lstm("very-long-lag-q1000-p1000").get("weights"));
        assertEquals(203000, lstm("very-long-lag-q1000-p50").get("sequencesToSuccess"));
        assertEquals(452460, lstm("two-sequence-t1000-n3").get("st2"));
        assertEquals(0.01500, lstm("noisy-two-sequence-t100-n1").get("fractionMisclassified"));
        assertEquals(0.014, lstm("continuous-two-sequence-t100-n3").get("meanAbsDiff"));
        assertEquals(565640, lstm("continuous-two-sequence-t100-n1").get("sequencesToSuccess"));
        assertEquals(0.0139, lstm("multiplication-t100-n13").get("mse"));
        assertEquals(571100, lstm("temporal-order-3").get("sequencesToSuccess"));
    }

    @Test
    void rowsCarryTheirTaskAndStoppingParameters() {
        assertEquals(Map.of("q", 1000, "p", 50), catalog.row("very-long-lag-q1000-p50").taskParams());
        assertEquals(Map.of("T", 1000, "N", 1), catalog.row("noisy-two-sequence-t1000-n1").taskParams());
        assertEquals(Map.of("relevant", 3), catalog.row("temporal-order-3").taskParams());
        assertEquals(13, catalog.row("multiplication-t100-n13").stopping().get("fewerThan"));
        assertEquals(Map.of("T", 100), catalog.row("multiplication-t100-n140").taskParams());
        assertEquals(5, catalog.row("noisy-two-sequence-t100-n3").stopping().get("maxWrong"));
        assertEquals(0.015, catalog.row("continuous-two-sequence-t100-n1").stopping().get("maxMeanAbsError"));
        assertEquals(0.2, catalog.row("very-long-lag-q50-p50").stopping().get("beta"));
        assertEquals(256, catalog.row("reber-3x2-lr0.5").testSize());
        assertEquals(2560, catalog.row("two-sequence-t100-n1").testSize());
    }

    @Test
    void resolvingAFamilyGivesItsRowsInOrder() {
        Map<String, List<String>> byFamily = ROWS.entrySet().stream().collect(Collectors.groupingBy(
                e -> e.getValue().family(), LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        assertEquals(10, byFamily.size());
        byFamily.forEach((family, ids) ->
                assertEquals(ids, catalog.resolve(family).stream().map(ExperimentRow::id).toList(), family));
        assertEquals(List.of("temporal-order-2"),
                catalog.resolve("temporal-order-2").stream().map(ExperimentRow::id).toList());
    }

    @Test
    void anUnknownIdGetsSuggestions() {
        UnknownExperimentException e = assertThrows(UnknownExperimentException.class,
                () -> catalog.resolve("reber-4x1-lr01"));
        assertTrue(e.getMessage().contains("did you mean: reber-4x1-lr0.1"), e.getMessage());
        UnknownExperimentException family = assertThrows(UnknownExperimentException.class,
                () -> catalog.resolve("very-long-lags"));
        assertTrue(family.getMessage().contains("very-long-lag"), family.getMessage());
    }

    private static Map<String, Object> lstm(String id) {
        return catalog.row(id).paper().stream().filter(e -> "LSTM".equals(e.get("method"))).findFirst()
                .orElseThrow(() -> new AssertionError("no LSTM entry in " + id));
    }
}
