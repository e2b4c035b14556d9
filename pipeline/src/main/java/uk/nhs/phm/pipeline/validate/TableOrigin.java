package uk.nhs.phm.pipeline.validate;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Where one input table came from: its location (a file or a folder of parts, as a URI or path), its format and
 * its files with sizes. The reader at the edge fills it in; messages, the data-quality report and the manifest
 * read it. No file is opened through it.
 */
public final class TableOrigin implements Serializable {
    public enum Format { CSV, PARQUET }

    /** One file of the table. */
    public static final class SourceFile implements Serializable {
        /** As the file system names it (a URI for Spark and Hadoop). */
        public final String path;
        /** As the user gave it (a local path without {@code file:}), for messages. */
        public final String display;
        public final long bytes;

        public SourceFile(String path, String display, long bytes) {
            this.path = path;
            this.display = display;
            this.bytes = bytes;
        }

        /** The last segment of the path. */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    public final InputTable table;
    /** The file, or the folder of part files, as given in the input location. */
    public final String location;
    public final Format format;
    public final List<SourceFile> files;

    public TableOrigin(InputTable table, String location, Format format, List<SourceFile> files) {
        this.table = table;
        this.location = location;
        this.format = format;
        this.files = List.copyOf(files);
    }

    public List<String> paths() {
        return files.stream().map(f -> f.path).toList();
    }

    /**
     * The file of this table that a failure's messages name (Spark says "Encountered error while reading file
     * &lt;path&gt;", Parquet "&lt;path&gt; is not a Parquet file"), if any. The files of one table are one file or the
     * parts of one folder, so a name identifies a file; it must end where a file name ends, so that
     * {@code a.csv} is not found in {@code a.csv.gz}. The longest such name wins.
     */
    public Optional<SourceFile> fileNamedIn(Throwable failure) {
        SourceFile best = null;
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                continue;
            }
            for (SourceFile f : files) {
                if (namesFile(m, "/" + f.name()) && (best == null || f.name().length() > best.name().length())) {
                    best = f;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean namesFile(String message, String slashName) {
        for (int at = message.indexOf(slashName); at >= 0; at = message.indexOf(slashName, at + 1)) {
            String rest = message.substring(at + slashName.length());
            // A name goes on with a letter, digit, '-' or '_', or a dot before one ("a.csv" in "a.csv.gz"); a
            // full stop ends a sentence.
            if (!rest.matches("(?s)(\\.?[\\p{L}\\p{N}_-]).*")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return location;
    }
}
