package org.longlag.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longlag.model.ModelKinds;
import org.longlag.task.SequenceTask;
import org.longlag.task.Tasks;
import org.longlag.train.StoppingRules;

/**
 * Reads one experiment file (one family) into rows. Row-level {@code task}, {@code stopping} and
 * {@code models} blocks are merged over the family's, key by key, so a row states only what
 * differs ({@code key: ~} removes a key). Every problem is reported as {@code file: field: what is wrong}.
 */
final class FamilyFileParser {
    private static final Set<String> FAMILY_KEYS = Set.of(
            "family", "title", "paperTable", "task", "stopping", "testSize", "paperTrials", "models", "judge", "rows",
            "notes", "study");
    private static final Set<String> ROW_KEYS =
            Set.of("id", "task", "stopping", "testSize", "paperTrials", "models", "judge", "paper", "notes");

    private final String file;
    private final Map<String, Object> document;

    FamilyFileParser(String file, Map<String, Object> document) {
        this.file = file;
        this.document = document == null ? Map.of() : document;
    }

    List<ExperimentRow> rows() {
        checkKeys(document, FAMILY_KEYS, "");
        String family = string(document, "family", "family");
        String title = document.containsKey("title") ? string(document, "title", "title") : family;
        int paperTable = integer(document, "paperTable", "paperTable", 1);
        Map<String, Object> task = map(document, "task", "task", true);
        Map<String, Object> stopping = map(document, "stopping", "stopping", true);
        int testSize = document.containsKey("testSize") ? integer(document, "testSize", "testSize", 1) : 2560;
        int paperTrials = document.containsKey("paperTrials") ? integer(document, "paperTrials", "paperTrials", 1) : 10;
        Map<String, Object> models = map(document, "models", "models", true);
        String judge = judge(document, "judge", models.keySet(), ExperimentRow.PAPER_LSTM);
        Object rawRows = document.get("rows");
        if (!(rawRows instanceof List<?> list) || list.isEmpty()) {
            throw error("rows", "must be a non-empty list, got " + rawRows);
        }
        String familyNotes = document.containsKey("notes") ? string(document, "notes", "notes") : "";
        boolean study = study(document);
        List<ExperimentRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "rows[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> rawRow)) {
                throw error(where, "must be a map, got " + list.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) rawRow;
            rows.add(withStudy(row(row, where, family, title, paperTable, task, stopping, testSize, paperTrials,
                    models, judge, familyNotes), study));
        }
        return rows;
    }

    /** Whether the family is a study of this suite ({@code study: true}) rather than a paper table. */
    private boolean study(Map<String, Object> document) {
        Object value = document.getOrDefault("study", false);
        if (!(value instanceof Boolean study)) {
            throw error("study", "must be true or false, got " + value);
        }
        return study;
    }

    private static ExperimentRow withStudy(ExperimentRow r, boolean study) {
        return new ExperimentRow(r.id(), r.family(), r.paperTable(), r.title(), r.taskKind(), r.taskParams(),
                r.stopping(), r.testSize(), r.paperTrials(), r.models(), r.paper(), r.notes(), r.judgedModel(), study);
    }

    private ExperimentRow row(Map<String, Object> row, String where, String family, String title, int paperTable,
            Map<String, Object> familyTask, Map<String, Object> familyStopping, int familyTestSize,
            int familyPaperTrials, Map<String, Object> familyModels, String familyJudge, String familyNotes) {
        checkKeys(row, ROW_KEYS, where + ".");
        String id = string(row, "id", where + ".id");
        String at = where + " (" + id + ")";
        Map<String, Object> task = merge(familyTask, map(row, "task", at + ".task", false));
        Object kind = task.remove("kind");
        if (!(kind instanceof String taskKind)) {
            throw error(at + ".task.kind", "must name a task kind (" + String.join(", ", Tasks.kinds()) + "), got " + kind);
        }
        SequenceTask generator;
        try {
            generator = Tasks.create(taskKind, task);
        } catch (IllegalArgumentException e) {
            throw error(at + ".task", e.getMessage());
        }
        Map<String, Object> stopping = merge(familyStopping, map(row, "stopping", at + ".stopping", false));
        try {
            StoppingRules.create(stopping);
        } catch (IllegalArgumentException e) {
            throw error(at + ".stopping", e.getMessage());
        }
        int testSize = row.containsKey("testSize") ? integer(row, "testSize", at + ".testSize", 1) : familyTestSize;
        int paperTrials = row.containsKey("paperTrials")
                ? integer(row, "paperTrials", at + ".paperTrials", 1) : familyPaperTrials;
        List<ModelEntry> models = models(familyModels, map(row, "models", at + ".models", false), at, taskKind, task,
                generator);
        String judge = judge(row, where + ".judge", familyModels.keySet(), familyJudge);
        List<Map<String, Object>> paper = paper(row.get("paper"), at + ".paper");
        String notes = row.containsKey("notes") ? string(row, "notes", at + ".notes") : familyNotes;
        return new ExperimentRow(id, family, paperTable, title, taskKind, Map.copyOf(task), Map.copyOf(stopping),
                testSize, paperTrials, models, paper, notes, judge);
    }

    /**
     * The model a row is judged on: {@code map}'s {@code judge}, else {@code otherwise}. Only the
     * paper's LSTM or one of its readings may stand for the paper's LSTM line, so any other name is
     * refused here rather than silently judging nothing.
     */
    private String judge(Map<String, Object> map, String field, Set<String> modelNames, String otherwise) {
        if (!map.containsKey("judge")) {
            return otherwise;
        }
        List<String> allowed = modelNames.stream().filter(ExperimentRow::judgeable).toList();
        Object value = map.get("judge");
        if (!(value instanceof String name) || !allowed.contains(name)) {
            throw error(field, "must name " + ExperimentRow.PAPER_LSTM + " or one of its readings among the"
                    + " family's models (allowed: " + (allowed.isEmpty() ? "none in this family"
                    : String.join(", ", allowed)) + "), got " + value);
        }
        return name;
    }

    private List<ModelEntry> models(Map<String, Object> family, Map<String, Object> overrides, String at,
            String taskKind, Map<String, Object> rowTask, SequenceTask task) {
        for (String name : overrides.keySet()) {
            if (!family.containsKey(name)) {
                throw error(at + ".models." + name, "is not a model of the family (known: "
                        + String.join(", ", family.keySet()) + ")");
            }
        }
        if (family.isEmpty()) {
            throw error("models", "must list at least one model");
        }
        List<ModelEntry> entries = new ArrayList<>();
        for (String name : family.keySet()) {
            String field = at + ".models." + name;
            Map<String, Object> settings = merge(asMap(family.get(name), "models." + name),
                    asMap(overrides.getOrDefault(name, Map.of()), field));
            Reading reading = Reading.NONE;
            if (name.indexOf('.') >= 0) {
                reading = reading(name, settings, family, overrides, at, taskKind, rowTask);
                settings = reading.settings();
            }
            SequenceTask modelTask = reading.task() == null ? task : reading.task();
            Object kind = settings.remove("kind");
            Object budget = settings.remove("budget");
            Double budgetSeconds = budgetSeconds(settings.remove("budgetSeconds"), field + ".budgetSeconds");
            if (!(kind instanceof String kindName)) {
                throw error(field + ".kind", "must name a model kind (" + String.join(", ", ModelKinds.names())
                        + "), got " + kind);
            }
            if (!(budget instanceof Integer || budget instanceof Long) || ((Number) budget).longValue() <= 0) {
                throw error(field + ".budget", "must be a positive number of sequences, got " + budget);
            }
            try {
                ModelKinds.get(kindName).validate(settings, modelTask.inputSize(), modelTask.outputSize());
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
            entries.add(new ModelEntry(name, kindName, ((Number) budget).longValue(), settings, reading.text(),
                    reading.taskOverrides(), budgetSeconds));
        }
        return List.copyOf(entries);
    }

    /** A model's wall-clock budget: absent ({@code null}) or a positive, finite number of seconds. */
    private Double budgetSeconds(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() > 0) || !Double.isFinite(n.doubleValue())) {
            throw error(field, "must be a positive number of seconds, got " + value);
        }
        return n.doubleValue();
    }

    /**
     * A reading's resolved entry: its settings put over its base model's (with the row's overrides
     * of the base), its argument, and the task it trains on ({@code null} for a row's own model).
     */
    private record Reading(Map<String, Object> settings, String text, Map<String, Object> taskOverrides,
            SequenceTask task) {
        static final Reading NONE = new Reading(Map.of(), null, Map.of(), null);
    }

    /** Resolves the reading called {@code name} ({@code <model>.<reading>}) from its own settings. */
    private Reading reading(String name, Map<String, Object> own, Map<String, Object> family,
            Map<String, Object> overrides, String at, String taskKind, Map<String, Object> rowTask) {
        String field = at + ".models." + name;
        String base = name.substring(0, name.indexOf('.'));
        if (base.isEmpty() || !family.containsKey(base)) {
            throw error("models." + name, "a reading must be named <model>.<reading> after a model of the"
                    + " family (known: " + String.join(", ", family.keySet()) + ")");
        }
        String text = readingText(own.remove("reading"), field + ".reading");
        Map<String, Object> taskOverrides = map(own, "task", field + ".task", false);
        own.remove("task");
        Map<String, Object> settings = merge(merge(asMap(family.get(base), "models." + base),
                asMap(overrides.getOrDefault(base, Map.of()), at + ".models." + base)), own);
        SequenceTask task = readingTask(taskKind, merge(rowTask, taskOverrides), field + ".task");
        return new Reading(settings, text, taskOverrides, task);
    }

    private String readingText(Object value, String field) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(field, "a reading must say why the paper allows it (a non-empty text), got " + value);
        }
        return text.strip();
    }

    private SequenceTask readingTask(String taskKind, Map<String, Object> params, String field) {
        try {
            return Tasks.create(taskKind, params);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    private List<Map<String, Object>> paper(Object raw, String field) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw error(field, "must be a list of reported results, got " + raw);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> entry = asMap(list.get(i), field + "[" + i + "]");
            if (!(entry.get("method") instanceof String)) {
                throw error(field + "[" + i + "].method", "must name the method, got " + entry.get("method"));
            }
            entries.add(java.util.Collections.unmodifiableMap(entry));
        }
        return List.copyOf(entries);
    }

    /**
     * A copy of {@code base} with {@code overrides} put over it; nested maps are merged too. An
     * override of {@code null} ({@code ~} in YAML) removes the key, so the setting falls back to its
     * default: a reading can undo a row's override of its base model.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            Object old = merged.get(key);
            if (value == null) {
                merged.remove(key);
            } else if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
                merged.put(key, merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private void checkKeys(Map<String, Object> map, Set<String> allowed, String prefix) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw error(prefix + key, "is not a known field (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private String string(Map<String, Object> map, String key, String field) {
        Object value = map.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw error(field, "must be a non-empty string, got " + value);
        }
        return s;
    }

    private int integer(Map<String, Object> map, String key, String field, int min) {
        Object value = map.get(key);
        if (!(value instanceof Integer i) || i < min) {
            throw error(field, "must be an integer >= " + min + ", got " + value);
        }
        return i;
    }

    private Map<String, Object> map(Map<String, Object> map, String key, String field, boolean required) {
        Object value = map.get(key);
        if (value == null && !required) {
            return Map.of();
        }
        return asMap(value, field);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object value, String field) {
        if (!(value instanceof Map<?, ?> m)) {
            throw error(field, "must be a map, got " + value);
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    private CatalogException error(String field, String message) {
        return new CatalogException(file + ": " + field + ": " + message);
    }
}
