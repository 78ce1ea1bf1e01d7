package dev.countersign.verify.internal.slsa;

import static dev.countersign.verify.internal.slsa.PredicateJson.bool;
import static dev.countersign.verify.internal.slsa.PredicateJson.copy;
import static dev.countersign.verify.internal.slsa.PredicateJson.object;
import static dev.countersign.verify.internal.slsa.PredicateJson.resources;
import static dev.countersign.verify.internal.slsa.PredicateJson.stringMap;
import static dev.countersign.verify.internal.slsa.PredicateJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.slsa.ProvenanceV02;
import dev.countersign.verify.slsa.ProvenanceV1;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.verdict.ReasonCode;

/** Reads SLSA provenance v0.2 and v1 predicates into their views. */
public final class ProvenanceParser {
  private static final String P = "predicate";

  private ProvenanceParser() {}

  public static SlsaProvenance parse(InTotoStatement statement) throws EvidenceFormatException {
    String type = statement.predicateType();
    if (!SlsaProvenance.isProvenance(type)) {
      throw new EvidenceFormatException(
          ReasonCode.PREDICATE_MISSING,
          "predicateType",
          "predicate type '" + type + "' is not SLSA provenance v0.2 or v1");
    }
    JsonNode predicate = statement.predicate();
    if (predicate == null || !predicate.isObject()) {
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED, P, "the provenance predicate is not a JSON object");
    }
    try {
      if (type.equals(ProvenanceV02.PREDICATE_TYPE)) {
        ProvenanceV02 v = v02(predicate);
        return SourceClaims.v02(statement, v, predicate);
      }
      ProvenanceV1 v = v1(predicate);
      return SourceClaims.v1(statement, v, predicate);
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, e.path(), e.getMessage(), e);
    }
  }

  private static ProvenanceV02 v02(JsonNode p) throws JsonFormatException {
    JsonNode builder = object(p, "builder", P);
    JsonNode invocation = object(p, "invocation", P);
    String ipath = P + ".invocation";
    JsonNode config = object(invocation, "configSource", ipath);
    String cpath = ipath + ".configSource";
    ProvenanceV02.ConfigSource configSource =
        new ProvenanceV02.ConfigSource(
            text(config, "uri", cpath),
            stringMap(config, "digest", cpath),
            text(config, "entryPoint", cpath));
    // The environment is where GitHub builders record the trigger; its fields are read later.
    object(invocation, "environment", ipath);
    JsonNode meta = object(p, "metadata", P);
    String mpath = P + ".metadata";
    JsonNode completeness = object(meta, "completeness", mpath);
    String invocationId = text(meta, "buildInvocationId", mpath);
    if (invocationId.isEmpty()) {
      invocationId = text(meta, "buildInvocationID", mpath);
    }
    ProvenanceV02.Metadata metadata =
        new ProvenanceV02.Metadata(
            invocationId,
            text(meta, "buildStartedOn", mpath),
            text(meta, "buildFinishedOn", mpath),
            bool(completeness, "parameters", mpath + ".completeness"),
            bool(completeness, "environment", mpath + ".completeness"),
            bool(completeness, "materials", mpath + ".completeness"),
            bool(meta, "reproducible", mpath));
    return new ProvenanceV02(
        text(builder, "id", P + ".builder"),
        text(p, "buildType", P),
        configSource,
        copy(invocation, "parameters"),
        copy(invocation, "environment"),
        copy(p, "buildConfig"),
        metadata,
        resources(p, "materials", P));
  }

  private static ProvenanceV1 v1(JsonNode p) throws JsonFormatException {
    JsonNode def = object(p, "buildDefinition", P);
    String dpath = P + ".buildDefinition";
    // Both parameter sets are objects by the spec; sources are read from them later.
    object(def, "externalParameters", dpath);
    object(def, "internalParameters", dpath);
    JsonNode run = object(p, "runDetails", P);
    String rpath = P + ".runDetails";
    JsonNode builder = object(run, "builder", rpath);
    JsonNode meta = object(run, "metadata", rpath);
    return new ProvenanceV1(
        text(def, "buildType", dpath),
        copy(def, "externalParameters"),
        copy(def, "internalParameters"),
        resources(def, "resolvedDependencies", dpath),
        text(builder, "id", rpath + ".builder"),
        stringMap(builder, "version", rpath + ".builder"),
        resources(builder, "builderDependencies", rpath + ".builder"),
        text(meta, "invocationId", rpath + ".metadata"),
        text(meta, "startedOn", rpath + ".metadata"),
        text(meta, "finishedOn", rpath + ".metadata"),
        resources(run, "byproducts", rpath));
  }
}
