package uk.nhs.phm.pipeline.run;

import java.util.Objects;

/**
 * The name of something a stage produces and later stages need (a validated table, the as-of date, the
 * features, an output table as stored), typed so that reading it back needs no cast. Equal by name.
 */
public final class Key<T> {
    public final String name;
    public final Class<?> type;

    private Key(String name, Class<?> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> Key<T> of(String name, Class<?> type) {
        return new Key<>(name, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
