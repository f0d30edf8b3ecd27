package org.mptcpkit.shell;

import java.util.Collection;

/** "Did you mean" for unknown words: the closest known name within a small edit distance. */
final class Suggest {
    private Suggest() {
    }

    /** {@code " (did you mean 'IP'?)"}, or "" when no word or variable is close. */
    static String didYouMean(String name, Vocabulary vocabulary, Collection<String> variables) {
        java.util.List<String> names = new java.util.ArrayList<>(variables);
        for (Vocabulary.Entry e : vocabulary.entries()) names.add(e.name());
        return didYouMean(name, names);
    }

    /** {@code " (did you mean 'dstPort'?)"}, or "" when no name is close. */
    static String didYouMean(String name, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : names) {
            int d = distance(name, v);
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        // A third of the name may be wrong, at least one edit (a change of case is half an edit).
        int limit = 2 * Math.max(1, name.length() / 3);
        return best != null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    /**
     * Edit distance in half-steps (optimal string alignment: insert, delete, substitute, swap two
     * neighbours): a change of case costs 1, any other edit 2.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = 2 * i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = 2 * j;
        for (int i = 1; i <= a.length(); i++) {
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                char cb = b.charAt(j - 1);
                int sub = ca == cb ? 0 : Character.toLowerCase(ca) == Character.toLowerCase(cb) ? 1 : 2;
                int v = Math.min(Math.min(d[i - 1][j] + 2, d[i][j - 1] + 2), d[i - 1][j - 1] + sub);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) v = Math.min(v, d[i - 2][j - 2] + 2);
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
