package uk.nhs.phm.pipeline.disclosure;

import uk.nhs.phm.pipeline.quality.DataQualityGateException;

/**
 * The disclosure audit found a withheld figure that the published ones determine: nothing is published. A gate like
 * the data-quality ones (exit code 4): the run stops and the previous publication stays, whatever the cause.
 */
public final class DisclosureAuditException extends DataQualityGateException {
    public DisclosureAuditException(String message) {
        super(message);
    }
}
