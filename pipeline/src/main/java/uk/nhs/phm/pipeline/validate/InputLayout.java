package uk.nhs.phm.pipeline.validate;

import java.util.List;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * How an extract folder holds a table (input contract, "Files"): exactly one of {@code <table>.csv},
 * {@code <table>.csv.gz}, {@code <table>.parquet} or a folder {@code <table>/} of part files, all CSV (plain or
 * gzip) or all Parquet. The reader lists names; these rules decide.
 */
public final class InputLayout {
    /** Entry names tried for a table, in order: the table name plus one of these. */
    public static final List<String> SUFFIXES = List.of(".csv", ".csv.gz", ".parquet", "");

    private InputLayout() {
    }

    /** The entry to read among those that exist, or null when the table is absent. */
    public static String chooseEntry(String inputDir, InputTable t, List<String> existing) {
        if (existing.isEmpty()) {
            return null;
        }
        if (existing.size() > 1) {
            throw new PhmUserException("Input table '" + t.tableName + "' is given more than once in " + inputDir + " ("
                    + existing + "); keep exactly one of them.");
        }
        return existing.get(0);
    }

    /** A required table that is not there stops the run before anything is read. */
    public static PhmUserException missingRequired(String inputDir, InputTable t) {
        String n = t.tableName;
        return new PhmUserException(inputDir + ": required table '" + n + "' not found; supply " + n + ".csv, " + n
                + ".csv.gz, " + n + ".parquet or a folder " + n + "/ of part files.");
    }

    /** Hidden and marker files (Spark's {@code _SUCCESS}, {@code .crc}) are not data. */
    public static boolean isDataFile(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }

    public static TableOrigin.Format formatOfFile(String name) {
        return name.endsWith(".parquet") ? TableOrigin.Format.PARQUET : TableOrigin.Format.CSV;
    }

    /** The format of a folder of part files, which must all be CSV or all Parquet. */
    public static TableOrigin.Format formatOfParts(String folder, InputTable t, List<String> partNames) {
        if (partNames.isEmpty()) {
            throw new PhmUserException(folder + ": the folder for table '" + t.tableName + "' has no data files; add "
                    + "CSV or Parquet part files, or remove the folder if the source is not supplied.");
        }
        boolean parquet = partNames.stream().allMatch(p -> p.endsWith(".parquet"));
        boolean csv = partNames.stream().allMatch(p -> p.endsWith(".csv") || p.endsWith(".csv.gz"));
        if (!parquet && !csv) {
            throw new PhmUserException(folder + ": the folder for table '" + t.tableName + "' mixes file types; it "
                    + "must hold only .parquet or only .csv/.csv.gz part files.");
        }
        return parquet ? TableOrigin.Format.PARQUET : TableOrigin.Format.CSV;
    }
}
