package uk.nhs.phm.pipeline.synth;

import java.time.LocalDate;

/** Dates as epoch days, with their ISO strings cached: formatting is the hot path of generation. */
final class Days {
    private static final int FIRST = (int) LocalDate.of(1880, 1, 1).toEpochDay();
    private static final int LAST = (int) LocalDate.of(2120, 12, 31).toEpochDay();
    private static final String[] ISO = new String[LAST - FIRST + 1];

    static {
        for (int d = FIRST; d <= LAST; d++) {
            ISO[d - FIRST] = LocalDate.ofEpochDay(d).toString();
        }
    }

    private Days() {
    }

    static String iso(int epochDay) {
        if (epochDay < FIRST || epochDay > LAST) {
            return LocalDate.ofEpochDay(epochDay).toString();
        }
        return ISO[epochDay - FIRST];
    }

    static LocalDate date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }

    static int of(LocalDate d) {
        return (int) d.toEpochDay();
    }

    /** Money and measurements with two decimals, without String.format's cost. */
    static String decimal2(double v) {
        long cents = Math.round(v * 100);
        long whole = cents / 100;
        long frac = Math.abs(cents % 100);
        String sign = cents < 0 && whole == 0 ? "-" : "";
        return sign + whole + "." + (frac < 10 ? "0" : "") + frac;
    }

    static String decimal1(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long frac = Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return sign + whole + "." + frac;
    }
}
