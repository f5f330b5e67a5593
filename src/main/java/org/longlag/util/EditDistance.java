package org.longlag.util;

import java.util.Comparator;
import java.util.List;

/** Edit distance, for "did you mean" suggestions on misspelt names. */
public final class EditDistance {
    private EditDistance() {
    }

    /** Up to {@code limit} names closest to {@code wanted}, closest first, ties by name. */
    public static List<String> closest(String wanted, List<String> names, int limit) {
        return names.stream()
                .distinct()
                .sorted(Comparator.<String>comparingInt(n -> distance(wanted, n)).thenComparing(n -> n))
                .limit(limit)
                .toList();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
