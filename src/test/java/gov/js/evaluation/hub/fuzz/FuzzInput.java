package gov.js.evaluation.hub.fuzz;

import java.util.Set;

/**
 * One request the fuzzer sends: where, what, and what the answer must show beyond the rules every answer keeps.
 * {@code intact} are the indexes of records the mutation did not touch: when {@code strict}, the body is still
 * well-formed, so the answer must be a receipt in which those records are taken.
 */
record FuzzInput(long number, String kind, String path, String contentType, byte[] body, boolean strict, Set<Integer> intact) {
}
