package uk.nhs.phm.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.SimpleCsv;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Finds the files of one input table ({@code <table>.csv}, {@code .csv.gz}, {@code .parquet}, or a folder
 * {@code <table>/} of part files) and reads what the run needs to know before Spark does: the format, the
 * header of each CSV part, sizes and checksums for the manifest.
 */
public final class InputFiles {
    public enum Format { CSV, PARQUET }

    public final InputTable table;
    public final Path location;
    public final Format format;
    public final List<Path> files;

    private InputFiles(InputTable table, Path location, Format format, List<Path> files) {
        this.table = table;
        this.location = location;
        this.format = format;
        this.files = files;
    }

    /** The table's files, or null when the table is absent from the input folder. */
    public static InputFiles locate(Path inputDir, InputTable table) {
        String n = table.tableName;
        List<Path> candidates = new ArrayList<>();
        for (String suffix : List.of(".csv", ".csv.gz", ".parquet", "")) {
            Path p = inputDir.resolve(n + suffix);
            if (Files.exists(p)) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() > 1) {
            throw new PhmUserException("Input table '" + n + "' is given more than once in " + inputDir + " ("
                    + candidates.stream().map(p -> p.getFileName().toString()).toList()
                    + "); keep exactly one of them.");
        }
        Path loc = candidates.get(0);
        if (Files.isRegularFile(loc)) {
            Format f = loc.toString().endsWith(".parquet") ? Format.PARQUET : Format.CSV;
            return new InputFiles(table, loc, f, List.of(loc));
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(loc)) {
            parts = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new PhmUserException(loc + ": cannot list the folder (" + e.getMessage() + ").");
        }
        if (parts.isEmpty()) {
            throw new PhmUserException(loc + ": the folder for table '" + n + "' has no data files; add CSV or "
                    + "Parquet part files, or remove the folder if the source is not supplied.");
        }
        boolean parquet = parts.stream().allMatch(p -> p.toString().endsWith(".parquet"));
        boolean csv = parts.stream().allMatch(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".csv.gz"));
        if (!parquet && !csv) {
            throw new PhmUserException(loc + ": the folder for table '" + n + "' mixes file types; it must hold "
                    + "only .parquet or only .csv/.csv.gz part files.");
        }
        return new InputFiles(table, loc, parquet ? Format.PARQUET : Format.CSV, parts);
    }

    /** The header columns of a CSV part (BOM and surrounding quotes/spaces removed). */
    public static List<String> csvHeader(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw new PhmUserException(file + ": the file is empty; a CSV input needs a header row naming "
                        + "its columns (see the input contract), then one row per record.");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> cols = new ArrayList<>();
            for (String c : SimpleCsv.parse(new java.io.StringReader(line)).get(0)) {
                cols.add(c.trim());
            }
            return cols;
        } catch (IOException e) {
            throw new PhmUserException(file + ": cannot read the file (" + e.getMessage()
                    + "); check it is a readable UTF-8 CSV (gzip allowed as .csv.gz).");
        }
    }

    /** True when a CSV part has a header and no data rows. */
    public static boolean csvHasNoRows(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new PhmUserException(file + ": cannot read the file (" + e.getMessage() + ").");
        }
    }

    /** SHA-256 of a file, for the manifest (so a published figure can be traced to its exact input). */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot checksum " + file, e);
        }
    }
}
