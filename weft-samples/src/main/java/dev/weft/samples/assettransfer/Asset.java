package dev.weft.samples.assettransfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.weft.shim.contract.DataType;

/**
 * An asset as Fabric's asset-transfer-basic sample keeps it; the JSON has the same property names
 * in the same (alphabetical) order, so both samples read each other's state.
 */
@DataType
@JsonPropertyOrder(alphabetic = true)
public record Asset(String ID, String Color, int Size, String Owner, int AppraisedValue) {}
