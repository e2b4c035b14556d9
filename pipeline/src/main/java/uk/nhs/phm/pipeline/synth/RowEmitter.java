package uk.nhs.phm.pipeline.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Passes rows to the sink, turning a share of them into the kinds of bad row real extracts carry, so the
 * pipeline's quarantine is exercised: unparseable dates, unknown codes, orphans, duplicate keys, future
 * dates, end before start, missing required values. Uses its own random stream so the clean rows do not
 * depend on the bad-row share.
 */
final class RowEmitter {
    enum Kind {
        BAD_DATE, UNKNOWN_CODE, ORPHAN, DUPLICATE_KEY, FUTURE_DATE, END_BEFORE_START, MISSING_REQUIRED;

        /** The kind's name in {@code bad_rows.kind_weights}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Kinds that can spoil a row of any table. */
        boolean always() {
            return this == BAD_DATE || this == FUTURE_DATE || this == MISSING_REQUIRED;
        }
    }

    /** Keys {@code bad_rows.*} of the rates file. */
    static final class Rates {
        /** Each kind with its whole-number weight, in the order of the file. */
        final Map<Kind, Integer> kindWeights = new LinkedHashMap<>();
        final int nhsNumbersPerExtract;
        final int peoplePerExtraNhsNumber;

        Rates(RatesReader r) {
            String key = "bad_rows.kind_weights";
            Map<String, Integer> weights = r.wholeWeights(key, Arrays.stream(Kind.values()).map(Kind::key).toList());
            if (weights != null) {
                weights.forEach((k, w) -> kindWeights.put(Kind.valueOf(k.toUpperCase(Locale.ROOT)), w));
                if (kindWeights.entrySet().stream().noneMatch(e -> e.getKey().always() && e.getValue() > 0)) {
                    throw r.invalid(key, "a list kind:weight,... giving bad_date, future_date or missing_required a"
                            + " weight above 0 (they are the kinds every table can take)");
                }
            }
            nhsNumbersPerExtract = r.count("bad_rows.nhs_numbers_per_extract", 0);
            peoplePerExtraNhsNumber = r.count("bad_rows.people_per_extra_nhs_number", 1);
        }
    }

    private static final String[] BAD_DATE_SHAPES = {"dmy", "2024-13-40", "2023-02-30", "compact", "0000-00-00"};

    /**
     * Codes real extracts carry that the contract does not allow, per table: one is written in place of the
     * coded column (a coin toss where there are two). Checked when the class loads to be really unknown.
     */
    private static final class UnknownCode {
        final int column;
        final String[] values;

        UnknownCode(InputTable table, String column, String... values) {
            this.column = ContractCodes.columnIndex(table, column);
            this.values = values;
            ColumnSpec spec = table.column(column).orElseThrow();
            for (String v : values) {
                // A synonym (an NHS Data Dictionary code the contract reads) is not a bad value either.
                if (ContractCodes.allowedValues(table, column).contains(v)
                        || spec.synonyms.containsKey(v.toUpperCase(java.util.Locale.ROOT))) {
                    throw new IllegalStateException("bad-row code '" + v + "' is allowed in " + table.tableName
                            + "." + column);
                }
            }
        }
    }

    private static final Map<InputTable, UnknownCode> UNKNOWN_CODES = new EnumMap<>(InputTable.class);

    static {
        UNKNOWN_CODES.put(InputTable.PATIENTS, new UnknownCode(InputTable.PATIENTS, "sex", "Q", "3"));
        UNKNOWN_CODES.put(InputTable.GP_EVENTS, new UnknownCode(InputTable.GP_EVENTS, "code_system", "emis",
                "SNOMED CT"));
        UNKNOWN_CODES.put(InputTable.MEDICATIONS, new UnknownCode(InputTable.MEDICATIONS, "code_system", "gemscript"));
        UNKNOWN_CODES.put(InputTable.INPATIENT_SPELLS, new UnknownCode(InputTable.INPATIENT_SPELLS, "admission_method",
                "99", "2E"));
        UNKNOWN_CODES.put(InputTable.AE_ATTENDANCES, new UnknownCode(InputTable.AE_ATTENDANCES, "department_type",
                "09"));
        UNKNOWN_CODES.put(InputTable.OUTPATIENT_APPOINTMENTS, new UnknownCode(InputTable.OUTPATIENT_APPOINTMENTS,
                "attendance_status", "DNA", "unknown"));
        UNKNOWN_CODES.put(InputTable.SOCIAL_CARE_SERVICES, new UnknownCode(InputTable.SOCIAL_CARE_SERVICES,
                "service_type", "respite"));
        UNKNOWN_CODES.put(InputTable.DEATHS, new UnknownCode(InputTable.DEATHS, "place_of_death", "street"));
    }

    private final TableSink sink;
    private final SplittableRandom rng;
    private final double share;
    private final int futureBase;
    private final PersonTokens tokens;
    private final Map<InputTable, List<Kind>> kinds = new EnumMap<>(InputTable.class);
    private final Map<InputTable, Long> rows = new EnumMap<>(InputTable.class);
    private final Map<InputTable, Long> bad = new EnumMap<>(InputTable.class);
    private long orphanIndex = PersonTokens.ORPHAN_BASE;

    RowEmitter(TableSink sink, long seed, double share, int endDay, PersonTokens tokens, Rates rates) {
        this.sink = sink;
        this.rng = new SplittableRandom(PersonTokens.SplitMix.mix(seed * 31 + 7));
        this.share = share;
        // Far enough ahead to be after the extract date whenever the pipeline runs on this data.
        this.futureBase = endDay + 5 * 365;
        this.tokens = tokens;
        for (InputTable t : InputTable.values()) {
            rows.put(t, 0L);
            bad.put(t, 0L);
            kinds.put(t, applicableKinds(t, rates));
        }
    }

    Map<InputTable, Long> rows() {
        return rows;
    }

    Map<InputTable, Long> badRows() {
        return bad;
    }

    void emit(InputTable table, String[] values) {
        if (share > 0 && rng.nextDouble() < share) {
            corrupt(table, values);
        } else {
            write(table, values, false);
        }
    }

    /** A row whose person_id is a valid NHS number: a direct identifier leaking into the extract. */
    void emitWithNhsNumber(InputTable table, String[] values) {
        values[table.columnNames().indexOf(InputColumns.PERSON_ID)] = nhsNumber();
        write(table, values, true);
    }

    private void write(InputTable table, String[] values, boolean isBad) {
        sink.row(table, values);
        rows.merge(table, 1L, Long::sum);
        if (isBad) {
            bad.merge(table, 1L, Long::sum);
        }
    }

    private void corrupt(InputTable table, String[] values) {
        List<Kind> options = kinds.get(table);
        Kind kind = options.get(rng.nextInt(options.size()));
        List<String> cols = table.columnNames();
        switch (kind) {
            case BAD_DATE -> {
                int i = nonNullDate(table, values);
                if (i < 0) {
                    fallback(table, values);
                    return;
                }
                values[i] = badDate(values[i]);
            }
            case FUTURE_DATE -> {
                int i = nonNullDate(table, values);
                if (i < 0) {
                    fallback(table, values);
                    return;
                }
                values[i] = Days.iso(futureBase + rng.nextInt(3 * 365));
            }
            case END_BEFORE_START -> {
                int s = cols.indexOf(table.startColumn);
                int e = cols.indexOf(table.endColumn);
                if (values[s] == null || values[s].length() != 10) {
                    fallback(table, values);
                    return;
                }
                int start = (int) java.time.LocalDate.parse(values[s]).toEpochDay();
                values[e] = Days.iso(start - 1 - rng.nextInt(60));
            }
            case UNKNOWN_CODE -> unknownCode(table, values, cols);
            case ORPHAN -> values[cols.indexOf(InputColumns.PERSON_ID)] = tokens.token(orphanIndex++);
            case MISSING_REQUIRED -> {
                List<ColumnSpec> req = table.requiredColumns();
                ColumnSpec c = req.get(rng.nextInt(req.size()));
                values[cols.indexOf(c.name)] = null;
            }
            case DUPLICATE_KEY -> {
                write(table, values, false);
                // Re-sent records are exact copies; the pipeline must keep one and quarantine the rest.
                String[] copy = values.clone();
                write(table, copy, true);
                return;
            }
            default -> throw new IllegalStateException("unhandled bad-row kind " + kind);
        }
        write(table, values, true);
    }

    /** Where the drawn kind cannot apply to this row (no date to spoil), another always can. */
    private void fallback(InputTable table, String[] values) {
        List<String> cols = table.columnNames();
        if (table == InputTable.PATIENTS) {
            unknownCode(table, values, cols);
        } else {
            values[cols.indexOf(InputColumns.PERSON_ID)] = tokens.token(orphanIndex++);
        }
        write(table, values, true);
    }

    private void unknownCode(InputTable table, String[] values, List<String> cols) {
        UnknownCode u = UNKNOWN_CODES.get(table);
        if (u == null) {
            values[cols.indexOf(InputColumns.PERSON_ID)] = tokens.token(orphanIndex++);
            return;
        }
        values[u.column] = u.values.length == 1 ? u.values[0] : rng.nextBoolean() ? u.values[0] : u.values[1];
    }

    /** The kinds a row of the table can take, each repeated by its weight, in the order of the rates file. */
    private static List<Kind> applicableKinds(InputTable t, Rates rates) {
        List<Kind> k = new ArrayList<>();
        rates.kindWeights.forEach((kind, weight) -> {
            if (applies(kind, t)) {
                for (int i = 0; i < weight; i++) {
                    k.add(kind);
                }
            }
        });
        return List.copyOf(k);
    }

    private static boolean applies(Kind kind, InputTable t) {
        return switch (kind) {
            case BAD_DATE, FUTURE_DATE, MISSING_REQUIRED -> true;
            case ORPHAN -> t != InputTable.PATIENTS;
            case DUPLICATE_KEY -> t.primaryKey != null;
            case END_BEFORE_START -> t.startColumn != null && t.endColumn != null;
            case UNKNOWN_CODE -> t.columns.stream().anyMatch(c -> c.allowed != null) || t == InputTable.PATIENTS;
        };
    }

    private int nonNullDate(InputTable table, String[] values) {
        List<ColumnSpec> cols = table.columns;
        int found = -1;
        int seen = 0;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).kind == ColumnSpec.Kind.DATE && values[i] != null && values[i].length() == 10) {
                seen++;
                if (rng.nextInt(seen) == 0) {
                    found = i;
                }
            }
        }
        return found;
    }

    private String badDate(String iso) {
        String shape = BAD_DATE_SHAPES[rng.nextInt(BAD_DATE_SHAPES.length)];
        return switch (shape) {
            case "dmy" -> iso.substring(8, 10) + "/" + iso.substring(5, 7) + "/" + iso.substring(0, 4);
            case "compact" -> iso.substring(0, 4) + iso.substring(5, 7) + iso.substring(8, 10);
            case "2024-13-40" -> iso.substring(0, 4) + "-13-40";
            default -> shape;
        };
    }

    /** Ten digits passing the modulus-11 check, starting 4, 6 or 9 as issued NHS numbers do. */
    private String nhsNumber() {
        while (true) {
            int[] d = new int[10];
            d[0] = new int[] {4, 6, 9}[rng.nextInt(3)];
            int sum = d[0] * 10;
            for (int i = 1; i < 9; i++) {
                d[i] = rng.nextInt(10);
                sum += d[i] * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check == 10) {
                continue;
            }
            d[9] = check;
            StringBuilder sb = new StringBuilder(10);
            for (int v : d) {
                sb.append(v);
            }
            return sb.toString();
        }
    }
}
