package uk.nhs.phm.pipeline;

/**
 * The one place that turns an exception into the words a user sees. Spark wraps the cause of a failed task
 * several layers deep and its messages run to many lines (plans, stack traces); a one-line error needs the
 * innermost cause and the first line of a message.
 */
public final class Errors {
    private Errors() {
    }

    /** The innermost cause (guarding against a cause that is itself). */
    public static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The first line of the message, or the exception's class name when it has none. */
    public static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.strip().split("\\R", 2)[0];
    }

    /** The first user error in the cause chain: user errors raised inside Spark tasks arrive wrapped. */
    public static PhmUserException userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PhmUserException u) {
                return u;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** Levenshtein distance, for "did you mean" suggestions on misspelt names. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The candidate nearest to {@code name} (ties: the first), or null when there are none. */
    public static String nearest(String name, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }
}
