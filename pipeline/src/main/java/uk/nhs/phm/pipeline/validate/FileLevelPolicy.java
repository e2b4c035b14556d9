package uk.nhs.phm.pipeline.validate;

import java.util.List;
import java.util.Optional;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.ColumnSpec;

/**
 * Problems with a whole table rather than with some rows (input contract, "File-level rules"): they stop the
 * run with a message naming the file, the column and the fix, instead of quarantining every row.
 */
public final class FileLevelPolicy {
    private FileLevelPolicy() {
    }

    /** Checks what validation found in one table. */
    public static void check(TableOrigin origin, ValidationSummary s, FeedFormat format) {
        if (origin.format == TableOrigin.Format.CSV && !format.csvMultiline && s.splitQuotedLines > 0) {
            // The other half of each cut record may have passed validation with its text cut short.
            throw new PhmUserException(origin + ": " + (s.splitQuotedLines == 1 ? "1 line ends"
                    : s.splitQuotedLines + " lines end") + " inside a quoted field (a quoted value holds a line "
                    + "break), so records were cut in two; set input.csv.multiline=true and run again.");
        }
        if (s.looksLikeNhsNumbers()) {
            throw new PhmUserException(origin + ": column 'person_id' looks like NHS numbers (" + s.nhsLikeIds + " of "
                    + s.rowsRead + " values are 10 digits passing the NHS-number check, far more than the 1 in 11 "
                    + "chance allows); supply pseudonymised tokens, never NHS numbers.");
        }
        for (String c : s.columnsUnparseableThroughout()) {
            ColumnSpec spec = s.table.column(c).orElseThrow();
            String form = switch (spec.kind) {
                case DATE -> "a date in YYYY-MM-DD form";
                case INT -> "a whole number";
                case DECIMAL -> "a number";
                case BOOLEAN -> "true or false";
                default -> "valid";
            };
            String dayFirst = spec.kind == ColumnSpec.Kind.DATE && !format.dayFirstDates
                    ? " or, if the dates are written DD/MM/YYYY, set input.dates.day_first=true" : "";
            throw new PhmUserException(origin + ": column '" + c + "' has no value that is " + form + " ("
                    + s.presentAndUnparseable.get(c)[0] + " values checked); re-export the column as " + form
                    + dayFirst + ".");
        }
        if (s.table.required && s.rowsAccepted == 0) {
            throw new PhmUserException(origin + ": no row passed validation (" + s.rowsRead + " read, reasons "
                    + s.reasons + "); fix the extract, see the input contract.");
        }
    }

    /**
     * The validation pass is where Spark first reads every byte of a table, so a file that cannot be read at all
     * (a gzip file cut short, a damaged Parquet part, a file this user may not read: see {@link FileFault}) shows
     * up here, as a task failure wrapped several layers deep. It is reported as that file's problem, naming the
     * file Spark names (for a folder, the part file) or, when no message names one, the table's location and its
     * files. A Parquet table that fails for another reason is most likely parts that disagree about a column's
     * type, also the user's to fix. Anything else is not the user's to fix: empty, and the caller rethrows it.
     * Row problems in a CSV never get here: they are quarantined.
     */
    public static Optional<PhmUserException> readFailure(TableOrigin origin, Throwable e) {
        if (Errors.userError(e) != null) {
            return Optional.empty();
        }
        Optional<TableOrigin.SourceFile> named = origin.fileNamedIn(e);
        if (named.isPresent()) {
            Optional<FileFault> fault = FileFault.of(e, named.get().name());
            if (fault.isPresent()) {
                return Optional.of(fault.get().error(named.get().display, e));
            }
        } else if (FileFault.decodingInput(e)) {
            // Spark did not say which file: blame the table's files that could have failed this way.
            String format = origin.format == TableOrigin.Format.PARQUET ? ".parquet" : ".gz";
            List<String> suspects = origin.files.stream().map(TableOrigin.SourceFile::name)
                    .filter(n -> n.endsWith(format)).toList();
            Optional<FileFault> fault = FileFault.of(e, format);
            if (fault.isPresent() && !suspects.isEmpty()) {
                return Optional.of(fault.get().error(origin + (origin.files.size() == 1 ? ""
                        : " (one of " + shortList(suspects) + ")"), e));
            }
        }
        if (origin.format != TableOrigin.Format.PARQUET) {
            return Optional.empty();
        }
        return Optional.of(new PhmUserException(named.map(f -> f.display).orElse(origin.location)
                + ": cannot read the Parquet data (" + Errors.rootCause(e).getClass().getSimpleName() + "); check "
                + "every part file is complete and gives each column the same type.", e));
    }

    private static String shortList(List<String> names) {
        int shown = Math.min(names.size(), 5);
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? ", …" : "");
    }
}
