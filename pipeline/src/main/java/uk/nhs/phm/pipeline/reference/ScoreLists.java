package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;

/** The code lists and weights of the comorbidity scores (Charlson, Cambridge Multimorbidity Score), checked. */
public final class ScoreLists implements Serializable {
    public final CharlsonIndex charlson;
    public final CambridgeMultimorbidity cmms;

    public ScoreLists(CharlsonIndex charlson, CambridgeMultimorbidity cmms) {
        this.charlson = charlson;
        this.cmms = cmms;
    }
}
