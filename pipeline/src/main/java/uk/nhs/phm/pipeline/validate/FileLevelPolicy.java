package uk.nhs.phm.pipeline.validate;

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
            throw new PhmUserException(origin + ": column '" + c + "' has no value that is " + form + " ("
                    + s.presentAndUnparseable.get(c)[0] + " values checked); re-export the column as " + form + ".");
        }
        if (s.table.required && s.rowsAccepted == 0) {
            throw new PhmUserException(origin + ": no row passed validation (" + s.rowsRead + " read, reasons "
                    + s.reasons + "); fix the extract, see the input contract.");
        }
    }

    /**
     * The validation pass is where Spark first reads every byte of a table. A CSV problem there is a row problem
     * (quarantined), but a Parquet part that is truncated or disagrees with the others about a column's type is a
     * file problem: reported as one. Anything else is not the user's to fix and is rethrown.
     */
    public static RuntimeException readFailure(TableOrigin origin, RuntimeException e) {
        if (origin.format != TableOrigin.Format.PARQUET || Errors.userError(e) != null) {
            return e;
        }
        return new PhmUserException(origin + ": cannot read the Parquet data ("
                + Errors.rootCause(e).getClass().getSimpleName() + "); check every part file is complete and gives "
                + "each column the same type.", e);
    }
}
