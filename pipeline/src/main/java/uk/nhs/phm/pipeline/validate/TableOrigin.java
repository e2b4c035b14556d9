package uk.nhs.phm.pipeline.validate;

import java.io.Serializable;
import java.util.List;
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
        public final String path;
        public final long bytes;

        public SourceFile(String path, long bytes) {
            this.path = path;
            this.bytes = bytes;
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

    @Override
    public String toString() {
        return location;
    }
}
