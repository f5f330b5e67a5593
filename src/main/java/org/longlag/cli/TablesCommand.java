package org.longlag.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.longlag.experiment.ExperimentRow;
import org.longlag.report.PaperRow;
import org.longlag.report.ResultStore;
import org.longlag.report.TablesRenderer;
import org.longlag.report.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longlag tables}: regenerates {@code TABLES.md} from the result store. */
@Command(name = "tables", description = "Regenerate DIR/TABLES.md from DIR/runs/*.jsonl.")
final class TablesCommand implements Callable<Integer> {

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws Exception {
        Path dir = results.isAbsolute() ? results : LonglagCommand.home().resolve(results);
        if (!Files.isDirectory(dir.resolve("runs"))) {
            // Nothing to tabulate: say so rather than create DIR and an empty TABLES.md.
            throw new BadInputException("--results: " + results + " has no runs/ directory of results (" + dir
                    + "); scripts/longlag run writes them");
        }
        PrintWriter err = spec.commandLine().getErr();
        // The store counts each trial once (warning about duplicate lines), as compare does.
        List<TrialResult> all = new ResultStore(dir).readAll(warning -> err.println("warning: " + warning));
        List<PaperRow> rows = root.catalog().rows().stream().map(TablesCommand::paperRow).toList();
        Path tables = dir.resolve("TABLES.md");
        Files.writeString(tables, TablesRenderer.render(rows, all), StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + tables + " from " + all.size() + " trial result(s)");
        out.flush();
        err.flush();
        return 0;
    }

    static PaperRow paperRow(ExperimentRow row) {
        return new PaperRow(row.id(), row.family(), row.paperTable(), row.title(), row.paperTrials(),
                row.modelNames(), row.paper());
    }
}
