package uk.nhs.phm.pipeline.quality;

import uk.nhs.phm.pipeline.PhmUserException;

/**
 * The extract was read, but what it holds breaches a data-quality gate: publishing it would show a broken night as
 * a real change. The CLI exits with its own code (4) so a scheduler can tell it from a bad file or option (2).
 */
public class DataQualityGateException extends PhmUserException {
    public DataQualityGateException(String message) {
        super(message);
    }
}
