package org.longlag.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.longlag.util.EditDistance;

/**
 * Every experiment row of every file in {@code experiments/}, loaded and checked up front, so a
 * malformed file is reported before anything runs.
 */
public final class ExperimentCatalog {
    private final Map<String, ExperimentRow> rows;

    private ExperimentCatalog(Map<String, ExperimentRow> rows) {
        this.rows = rows;
    }

    /** Loads every {@code *.yaml} file of {@code directory}, in file-name order. */
    public static ExperimentCatalog load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new CatalogException("experiment directory " + directory + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CatalogException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, ExperimentRow> rows = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Object> document;
            try {
                document = yaml.readValue(file.toFile(), LinkedHashMap.class);
            } catch (IOException e) {
                throw new CatalogException(file.getFileName() + ": not valid YAML: " + e.getMessage(), e);
            }
            for (ExperimentRow row : new FamilyFileParser(file.getFileName().toString(), document).rows()) {
                if (rows.putIfAbsent(row.id(), row) != null) {
                    throw new CatalogException(file.getFileName() + ": row id '" + row.id() + "' is defined twice");
                }
            }
        }
        return new ExperimentCatalog(rows);
    }

    /** All rows in file order. */
    public List<ExperimentRow> rows() {
        return List.copyOf(rows.values());
    }

    /** Family names in file order. */
    public List<String> families() {
        Set<String> names = new LinkedHashSet<>();
        rows.values().forEach(r -> names.add(r.family()));
        return List.copyOf(names);
    }

    /** The row called {@code id}, or {@code null}. */
    public ExperimentRow row(String id) {
        return rows.get(id);
    }

    /**
     * The rows named by {@code idOrFamily}: one row for a row id, every row of a family for a family
     * name. Unknown names raise {@link UnknownExperimentException} with the closest known names.
     */
    public List<ExperimentRow> resolve(String idOrFamily) {
        ExperimentRow row = rows.get(idOrFamily);
        if (row != null) {
            return List.of(row);
        }
        List<ExperimentRow> family = rows.values().stream().filter(r -> r.family().equals(idOrFamily)).toList();
        if (!family.isEmpty()) {
            return family;
        }
        List<String> known = new ArrayList<>(rows.keySet());
        known.addAll(families());
        throw new UnknownExperimentException(idOrFamily, EditDistance.closest(idOrFamily, known, 3));
    }
}
