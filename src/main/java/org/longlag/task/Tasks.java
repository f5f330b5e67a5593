package org.longlag.task;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The factory the experiment files use: a task kind name plus its parameters, as parsed from YAML,
 * give a {@link SequenceTask}.
 *
 * <p>Kinds and their (all required) parameters: {@code adding {T}}, {@code multiplication {T}},
 * {@code reber {}}, {@code noise-free {p}}, {@code no-local-regularities {p}},
 * {@code very-long-lag {q, p}}, {@code two-sequence {T, N}}, {@code noisy-two-sequence {T, N}},
 * {@code continuous-two-sequence {T, N}}, {@code temporal-order {relevant}}. Optional parameters,
 * in brackets with their defaults, change a reading of the paper: {@code reber [sets: distinct,
 * targets: successors]} (see {@link EmbeddedReberTask}).
 *
 * <p>Every problem with the request is an {@link IllegalArgumentException} whose message starts
 * with the kind and names the parameter and the value: an unknown kind (the message lists the
 * known ones), a missing parameter, an unknown extra parameter, a value of the wrong type (only
 * integral numbers are accepted for integer parameters, so {@code 100.0} or {@code "100"} is
 * rejected rather than silently converted) and a value out of range (checked by the task's
 * constructor).
 */
public final class Tasks {

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        register(AddingTask.KIND, List.of("T"), a -> new AddingTask(a.integer("T")));
        register(MultiplicationTask.KIND, List.of("T"), a -> new MultiplicationTask(a.integer("T")));
        register(EmbeddedReberTask.KIND, List.of(), List.of("sets", "targets"), a -> new EmbeddedReberTask(
                EmbeddedReberTask.Sets.of(a.text("sets", "distinct")),
                EmbeddedReberTask.Targets.of(a.text("targets", "successors"))));
        register(NoiseFreeTask.KIND, List.of("p"), a -> new NoiseFreeTask(a.integer("p")));
        register(NoLocalRegularitiesTask.KIND, List.of("p"), a -> new NoLocalRegularitiesTask(a.integer("p")));
        register(VeryLongLagTask.KIND, List.of("q", "p"), a -> new VeryLongLagTask(a.integer("q"), a.integer("p")));
        register(TwoSequenceTask.KIND, List.of("T", "N"), a -> new TwoSequenceTask(a.integer("T"), a.integer("N")));
        register(NoisyTwoSequenceTask.KIND, List.of("T", "N"),
                a -> new NoisyTwoSequenceTask(a.integer("T"), a.integer("N")));
        register(ContinuousTwoSequenceTask.KIND, List.of("T", "N"),
                a -> new ContinuousTwoSequenceTask(a.integer("T"), a.integer("N")));
        register(TemporalOrderTask.KIND, List.of("relevant"), a -> new TemporalOrderTask(a.integer("relevant")));
    }

    private Tasks() {
    }

    /** A kind: its name, its required and optional parameters, and how to build it. */
    private record Kind(String name, List<String> parameters, List<String> optional,
            Function<Args, SequenceTask> factory) {
    }

    private static void register(String name, List<String> parameters, Function<Args, SequenceTask> factory) {
        register(name, parameters, List.of(), factory);
    }

    private static void register(String name, List<String> parameters, List<String> optional,
            Function<Args, SequenceTask> factory) {
        KINDS.put(name, new Kind(name, parameters, optional, factory));
    }

    /** The task kinds {@link #create} knows, in a fixed order. */
    public static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    /** The parameter names of {@code kind}, all required. */
    public static List<String> parameters(String kind) {
        return lookup(kind).parameters();
    }

    /**
     * Builds the task {@code kind} from {@code params}.
     *
     * @param params parameter name to value (Integer, Long, ... as a YAML parser returns them);
     *     {@code null} is taken as no parameters
     * @throws IllegalArgumentException on an unknown kind, a missing, unknown, mistyped or
     *     out-of-range parameter; the message names the parameter and the value
     */
    public static SequenceTask create(String kind, Map<String, ?> params) {
        Kind k = lookup(kind);
        Map<String, ?> given = params == null ? Map.of() : params;
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(given.keySet())) {
            if (!k.parameters().contains(name) && !k.optional().contains(name)) {
                unknown.add(name + "=" + given.get(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(kind + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; expected " + describe(k.parameters()));
        }
        for (String name : k.parameters()) {
            if (!given.containsKey(name)) {
                throw new IllegalArgumentException(kind + ": missing parameter " + name
                        + "; expected " + describe(k.parameters()));
            }
        }
        try {
            return k.factory().apply(new Args(kind, given));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(kind) ? e
                    : new IllegalArgumentException(kind + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<String> parameters) {
        return parameters.isEmpty() ? "no parameters" : "parameters " + String.join(", ", parameters);
    }

    private static Kind lookup(String kind) {
        Kind k = kind == null ? null : KINDS.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown task kind '" + kind + "'; known kinds: "
                    + String.join(", ", KINDS.keySet()));
        }
        return k;
    }

    /** The parameters of one request, with typed access. */
    private record Args(String kind, Map<String, ?> values) {

        /** An optional text parameter, or {@code fallback} when absent. */
        String text(String name, String fallback) {
            Object v = values.get(name);
            if (v == null && !values.containsKey(name)) {
                return fallback;
            }
            if (v instanceof String text) {
                return text;
            }
            throw new IllegalArgumentException(kind + ": parameter " + name + " must be a word, got " + v);
        }

        int integer(String name) {
            Object v = values.get(name);
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).intValue();
            }
            if (v instanceof Long || v instanceof BigInteger) {
                BigInteger b = v instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) v;
                if (b.bitLength() < 32) {
                    return b.intValue();
                }
                throw new IllegalArgumentException(kind + ": parameter " + name
                        + " must be a 32-bit integer, got " + v);
            }
            String type = v == null ? "null" : v.getClass().getSimpleName();
            throw new IllegalArgumentException(kind + ": parameter " + name + " must be an integer, got "
                    + (v instanceof String ? "\"" + v + "\"" : String.valueOf(v)) + " (" + type + ")");
        }
    }
}
