package org.longlag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.longlag.experiment.ExperimentRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longlag list}: one line per experiment row. */
@Command(name = "list", description = "List every experiment: id, family, paper table, models.")
final class ListCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        List<ExperimentRow> rows = root.catalog().rows();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            List<Map<String, Object>> json = new ArrayList<>();
            for (ExperimentRow row : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", row.id());
                entry.put("family", row.family());
                entry.put("paperTable", row.paperTable());
                if (row.study()) {
                    entry.put("study", true);
                }
                entry.put("title", row.title());
                entry.put("models", row.modelNames());
                json.add(entry);
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } else {
            TextTable table = new TextTable("id", "family", "table", "models");
            for (ExperimentRow row : rows) {
                table.add(row.id(), row.family(), row.paperTable() + (row.study() ? " (study)" : ""),
                        String.join(", ", row.modelNames()));
            }
            out.print(table.render());
        }
        out.flush();
        return 0;
    }
}
