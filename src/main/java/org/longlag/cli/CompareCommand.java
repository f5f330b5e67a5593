package org.longlag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.longlag.experiment.ExperimentRow;
import org.longlag.report.ComparisonFigure;
import org.longlag.report.ComparisonJson;
import org.longlag.report.ComparisonTable;
import org.longlag.report.ResultStore;
import org.longlag.report.RowComparison;
import org.longlag.report.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code longlag compare ROW|FAMILY}: LSTM beside RNN per row from the recorded results alone (no
 * training), and a figure of their training curves per row in {@code DIR/figures/}.
 */
@Command(name = "compare", description = "LSTM beside RNN per row (lstm vs rnn, lstm1997 vs rnn1997) from the "
        + "recorded results; also writes DIR/figures/compare-<row>.svg.")
final class CompareCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ROW|FAMILY", description = "Experiment id (e.g. adding-t100) or family (e.g. adding).")
    String target;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        List<ExperimentRow> rows = root.catalog().resolve(target);
        Path dir = results.isAbsolute() ? results : LonglagCommand.home().resolve(results);
        if (!Files.isDirectory(dir.resolve("runs"))) {
            throw new BadInputException("--results: " + results + " has no runs/ directory of results (" + dir
                    + "); scripts/longlag run writes them");
        }
        PrintWriter err = spec.commandLine().getErr();
        ResultStore store = new ResultStore(dir);
        List<RowComparison> comparisons = new ArrayList<>();
        for (ExperimentRow row : rows) {
            List<TrialResult> trials = store.read(row.id(), warning -> err.println("warning: " + warning));
            comparisons.add(RowComparison.of(TablesCommand.paperRow(row, trials), trials));
        }
        // Figure paths: relative to DIR in JSON (stable wherever DIR is), as the user named DIR in text.
        Map<String, String> relative = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (RowComparison comparison : comparisons) {
            if (!comparison.anyRun()) {
                continue;
            }
            String id = comparison.row().id();
            Path figure = dir.resolve("figures").resolve(ComparisonFigure.fileName(id));
            Files.createDirectories(figure.getParent());
            Files.writeString(figure, ComparisonFigure.svg(comparison), StandardCharsets.UTF_8);
            relative.put(id, "figures/" + ComparisonFigure.fileName(id));
            shown.put(id, results.resolve("figures").resolve(ComparisonFigure.fileName(id)).toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? ComparisonJson.render(comparisons, relative)
                : ComparisonTable.render(comparisons, shown));
        out.flush();
        err.flush();
        return 0;
    }
}
