package uk.nhs.phm.jobs.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.synth.TableSink;

/**
 * Writes generated rows as input-contract CSV: one {@code <table>.csv} (or {@code .csv.gz}) per table, header
 * row, RFC 4180 quoting, empty field for null. Every table gets a file, even one with no rows.
 */
public final class GeneratorCsvSink implements TableSink, Closeable {
    private static final int BUFFER = 1 << 18;

    private final Map<InputTable, Writer> writers = new EnumMap<>(InputTable.class);
    private final StringBuilder line = new StringBuilder(256);

    public GeneratorCsvSink(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        for (InputTable t : InputTable.values()) {
            Path file = dir.resolve(fileName(t, gzip));
            OutputStream os = Files.newOutputStream(file);
            if (gzip) {
                // A fixed header (no timestamp) keeps gzip output byte-identical run to run.
                os = new GZIPOutputStream(os, BUFFER);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), BUFFER);
            writers.put(t, w);
            List<String> cols = t.columnNames();
            write(t, cols.toArray(new String[0]));
        }
    }

    public static String fileName(InputTable t, boolean gzip) {
        return t.tableName + (gzip ? ".csv.gz" : ".csv");
    }

    @Override
    public void row(InputTable table, String[] values) {
        write(table, values);
    }

    private void write(InputTable table, String[] values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = values[i];
            if (v != null) {
                appendField(v);
            }
        }
        line.append('\n');
        try {
            writers.get(table).append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.tableName + " (disk full?)", e);
        }
    }

    private void appendField(String v) {
        boolean quote = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            line.append(v);
            return;
        }
        line.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
