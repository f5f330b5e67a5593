package org.longlag.experiment;

import java.util.List;

/** No experiment row or family has the given name. */
public final class UnknownExperimentException extends RuntimeException {
    public UnknownExperimentException(String name, List<String> suggestions) {
        super("unknown experiment or family '" + name + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean: " + String.join(", ", suggestions) + "?")
                + " (scripts/longlag list shows all)");
    }
}
