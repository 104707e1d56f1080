package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.source.SourceDefinition;

/**
 * The source a record arrived through, as an adapter may know it: its id, the region it may send for (a 6-digit code)
 * and whether it may post SMS rating invitations ({@code invitations: true} in its file). Nothing of its transport
 * settings or keys.
 */
public record SendingSource(String id, String region, boolean invitations) {

    public static SendingSource of(SourceDefinition source) {
        return new SendingSource(source.id(), source.region(), source.invitations());
    }
}
