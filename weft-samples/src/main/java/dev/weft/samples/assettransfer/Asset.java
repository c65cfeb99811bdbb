package dev.weft.samples.assettransfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An asset as Fabric's asset-transfer-basic sample keeps it. Its JSON has the same property names,
 * in the same (alphabetical) order, as the Go and TypeScript versions of that sample write, so they
 * all read each other's state and return byte-identical payloads.
 *
 * @param ID the asset's id, also its key on the ledger
 * @param Color its colour
 * @param Size its size
 * @param Owner who owns it
 * @param AppraisedValue what it is worth
 */
@JsonPropertyOrder(alphabetic = true)
public record Asset(String ID, String Color, int Size, String Owner, int AppraisedValue) {}
