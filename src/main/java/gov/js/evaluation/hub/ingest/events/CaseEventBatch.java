package gov.js.evaluation.hub.ingest.events;

import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import java.util.IdentityHashMap;
import java.util.Map;

/** A request's case events after the sink: each record settled, and what the case made of those it took. */
public record CaseEventBatch(IngestBatch batch, Map<IngestRecord, CaseEvents.Outcome> outcomes) {

    public CaseEventBatch {
        outcomes = new IdentityHashMap<>(outcomes);
    }
}
