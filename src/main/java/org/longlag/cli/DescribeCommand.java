package org.longlag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.ModelEntry;
import org.longlag.experiment.UnknownExperimentException;
import org.longlag.model.ModelKind;
import org.longlag.model.ModelKinds;
import org.longlag.report.PaperRow;
import org.longlag.task.SequenceTask;
import org.longlag.train.StoppingRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longlag describe ID}: task, stopping rule, the paper's numbers, and every model. */
@Command(name = "describe", description = "Show one experiment: task, stopping rule, paper numbers, models.")
final class DescribeCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Experiment id, e.g. adding-t100.")
    String id;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        List<ExperimentRow> rows = root.catalog().resolve(id);
        if (rows.size() != 1 || !rows.get(0).id().equals(id)) {
            throw new UnknownExperimentException(id, rows.stream().map(ExperimentRow::id).toList());
        }
        Map<String, Object> description = describe(rows.get(0));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(description));
        } else {
            out.print(text(rows.get(0), description));
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> describe(ExperimentRow row) {
        SequenceTask task = row.task();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id());
        json.put("family", row.family());
        json.put("title", row.title());
        json.put("paperTable", row.paperTable());
        if (row.study()) {
            json.put("study", true);
        }
        Map<String, Object> taskJson = new LinkedHashMap<>();
        taskJson.put("kind", row.taskKind());
        taskJson.put("parameters", row.taskParams());
        taskJson.put("generator", task.toString());
        taskJson.put("inputSize", task.inputSize());
        taskJson.put("outputSize", task.outputSize());
        json.put("task", taskJson);
        Map<String, Object> stopping = new LinkedHashMap<>(row.stopping());
        stopping.put("description", StoppingRules.create(row.stopping()).describe());
        json.put("stopping", stopping);
        json.put("testSize", row.testSize());
        json.put("paperTrials", row.paperTrials());
        json.put("paper", row.paper());
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelEntry entry : row.models()) {
            ModelKind kind = ModelKinds.get(entry.kind());
            SequenceTask modelTask = row.task(entry);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", entry.name());
            model.put("kind", entry.kind());
            model.put("parameters", kind.parameterCount(entry.settings(), modelTask.inputSize(),
                    modelTask.outputSize()));
            model.put("protocol", entry.protocol());
            model.put("budget", entry.budget());
            if (entry.budgetSeconds() != null) {
                model.put("budgetSeconds", entry.budgetSeconds());
            }
            model.put("settings", new java.util.TreeMap<>(entry.settings()));
            if (entry.isReading()) {
                model.put("reading", entry.reading());
                model.put("taskOverrides", new java.util.TreeMap<>(entry.taskOverrides()));
            }
            models.add(model);
        }
        json.put("models", models);
        json.put("judgedModel", row.judgedModel());
        json.put("notes", row.notes());
        return json;
    }

    /** A model's budget for people: sequences, and wall time if it has a budget of it. */
    private static String budget(Map<String, Object> model) {
        String sequences = String.format(Locale.ROOT, "%,d", (Long) model.get("budget"));
        Object seconds = model.get("budgetSeconds");
        return seconds == null ? sequences : String.format(Locale.ROOT, "%s or %,.0f s", sequences, (Double) seconds);
    }

    @SuppressWarnings("unchecked")
    private static String text(ExperimentRow row, Map<String, Object> d) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> task = (Map<String, Object>) d.get("task");
        Map<String, Object> stopping = (Map<String, Object>) d.get("stopping");
        out.append(row.id()).append(" — ").append(row.title()).append(" (")
                .append(PaperRow.source(row.paperTable(), row.study())).append(")\n\n");
        out.append("task:      ").append(task.get("generator")).append('\n');
        out.append("           ").append(task.get("inputSize")).append(" inputs, ").append(task.get("outputSize"))
                .append(" outputs\n");
        out.append("stopping:  ").append(stopping.get("description")).append("; then a test on ")
                .append(row.testSize()).append(" fresh sequences\n");
        out.append("\npaper (").append(row.paperTrials()).append(" trials):\n");
        for (Map<String, Object> entry : row.paper()) {
            out.append("  ").append(PaperFigures.format(entry)).append('\n');
        }
        out.append("\nmodels:\n");
        TextTable table = new TextTable("name", "kind", "weights", "budget", "protocol");
        for (Map<String, Object> m : (List<Map<String, Object>>) d.get("models")) {
            table.add(String.valueOf(m.get("name")), String.valueOf(m.get("kind")), String.valueOf(m.get("parameters")),
                    budget(m), String.valueOf(m.get("protocol")));
        }
        table.render().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        for (Map<String, Object> m : (List<Map<String, Object>>) d.get("models")) {
            if (m.containsKey("reading")) {
                out.append("\nreading ").append(m.get("name")).append(" (run only when named with --models): ")
                        .append(m.get("reading")).append('\n');
            }
        }
        if (row.judgedOnReading()) {
            // Said only when it differs from the default, so a plain row reads as before.
            out.append("\njudged on: ").append(row.judgedModel()).append(" (a reading; see its text)\n");
        }
        if (!row.notes().isBlank()) {
            out.append("\nnotes: ").append(row.notes().strip()).append('\n');
        }
        return out.toString();
    }
}
