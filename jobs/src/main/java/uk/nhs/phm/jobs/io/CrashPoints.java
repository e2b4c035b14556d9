package uk.nhs.phm.jobs.io;

/**
 * Named points in publication where the tests make phm fail. With {@code -Dphm.crash_at=POINT} the process stops
 * dead there, as {@code kill -9} would (no finally blocks, no shutdown hooks): the crash tests run phm in a
 * subprocess with it to show that a crash at any point leaves a whole publication. With
 * {@code -Dphm.fail_at=POINT} the step fails with an I/O error instead, to test the roll-back. Both are off
 * unless set.
 */
public final class CrashPoints {
    public static final String PROPERTY = "phm.crash_at";
    public static final String FAIL_PROPERTY = "phm.fail_at";

    private CrashPoints() {
    }

    static void reached(String point) throws java.io.IOException {
        if (point.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(137);
        }
        if (point.equals(System.getProperty(FAIL_PROPERTY))) {
            throw new java.io.IOException("failure injected at " + point);
        }
    }
}
