package org.longlag.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of model kinds that experiment files may name. */
public final class ModelKinds {
    private static final Map<String, ModelKind> KINDS = new LinkedHashMap<>();

    static {
        register(Dl4jRecurrentKind.lstm());
        register(Dl4jRecurrentKind.simpleRnn());
        register(new Lstm1997Kind());
        register(new Rnn1997Kind());
    }

    private ModelKinds() {
    }

    private static void register(ModelKind kind) {
        KINDS.put(kind.kind(), kind);
    }

    /** The kind called {@code name}; {@link IllegalArgumentException} naming the known kinds if none. */
    public static ModelKind get(String name) {
        ModelKind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown model kind '" + name + "' (known: "
                    + String.join(", ", KINDS.keySet()) + ")");
        }
        return kind;
    }

    /** Names of all registered kinds, in registration order. */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }
}
