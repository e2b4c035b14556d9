package uk.nhs.phm.pipeline.config;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * A small configuration CSV (rules, condition lists) as parsed at the edge: where it came from, its header and
 * its records with their line numbers, so that an error names the file, the line and the column.
 */
public final class CsvTable {
    /** One record: its line number in the file (the header is line 1) and its values by column. */
    public static final class Record {
        public final long line;
        private final Map<String, String> values;

        public Record(long line, Map<String, String> values) {
            this.line = line;
            this.values = Map.copyOf(values);
        }

        /** The value, trimmed; "" for an empty or missing cell. */
        public String get(String column) {
            return raw(column).trim();
        }

        /** The value exactly as in the file; "" for an empty or missing cell. */
        public String raw(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }
    }

    public final String source;
    public final List<String> header;
    public final List<Record> records;

    public CsvTable(String source, List<String> header, List<Record> records) {
        this.source = source;
        this.header = List.copyOf(header);
        this.records = List.copyOf(records);
    }

    /** Stops with a message naming the file when a required column is missing. */
    public CsvTable requireColumns(List<String> columns) {
        for (String c : columns) {
            if (!header.contains(c)) {
                throw new PhmUserException(source + ": required column '" + c + "' is missing; the header must be "
                        + columns + ".");
            }
        }
        return this;
    }

    /** Where a record is, for a message: {@code file, line N}. */
    public String at(Record r) {
        return source + ", line " + r.line;
    }

    /**
     * Parses a small CSV with a header row (RFC 4180 through univocity-parsers, the parser Spark's own CSV reader
     * uses): quoted fields may hold commas, quotes and line breaks; blank lines are skipped; a byte-order mark is
     * dropped; a parse error names the file and line.
     */
    public static CsvTable parse(String source, Reader in) {
        CsvParserSettings s = new CsvParserSettings();
        s.setHeaderExtractionEnabled(false);
        s.setLineSeparatorDetectionEnabled(true);
        s.setSkipEmptyLines(true);
        s.setNullValue("");
        s.setEmptyValue("");
        s.setMaxCharsPerColumn(100_000);
        CsvParser parser = new CsvParser(s);
        List<String> header = null;
        List<CsvTable.Record> records = new ArrayList<>();
        try {
            parser.beginParsing(in);
            String[] row;
            while ((row = parser.parseNext()) != null) {
                // The parser reports the line a record ends on; a quoted value may span lines.
                long line = parser.getContext().currentLine();
                for (String v : row) {
                    line -= v == null ? 0 : v.chars().filter(ch -> ch == '\n').count();
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : row) {
                        header.add(h == null ? "" : h.replace("\uFEFF", "").trim());
                    }
                    continue;
                }
                if (row.length == 1 && (row[0] == null || row[0].isBlank())) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), i < row.length && row[i] != null ? row[i] : "");
                }
                records.add(new CsvTable.Record(line, values));
            }
        } catch (TextParsingException e) {
            throw new PhmUserException(source + ", line " + e.getLineIndex() + ": cannot parse the CSV ("
                    + Errors.firstLine(e) + "); check the quotes on that line.");
        } finally {
            parser.stopParsing();
        }
        if (header == null) {
            throw new PhmUserException(source + ": the file is empty; it needs a header row.");
        }
        return new CsvTable(source, header, records);
    }
}
