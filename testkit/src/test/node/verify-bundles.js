'use strict';
// Verifies Sigstore bundles with sigstore-js, independently of Countersign's own verifier.
//
// Usage: node verify-bundles.js <node_modules dir> <cases.json>
// cases.json: {"cases": [{"name", "bundle": path, "trustedRoot": path, "artifact"?: path,
//   "keys"?: {hint: base64 DER SPKI}, "policy"?: {"subjectAlternativeName"?, "issuer"?}}]}
// Prints a JSON array of {"name", "verified", "error"?} on stdout, one element per case.
const fs = require('fs');
const path = require('path');

const [nodeModules, casesPath] = process.argv.slice(2);
const load = (name) => require(path.join(nodeModules, name));
const { bundleFromJSON } = load('@sigstore/bundle');
const { TrustedRoot } = load('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = load('@sigstore/verify');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function policyOf(spec) {
  const policy = {};
  if (spec && spec.subjectAlternativeName) {
    policy.subjectAlternativeName = spec.subjectAlternativeName;
  }
  if (spec && spec.issuer) {
    policy.extensions = { issuer: spec.issuer };
  }
  return policy;
}

function describe(error) {
  let text = (error.code ? error.code + ': ' : '') + error.message;
  for (let cause = error.cause; cause; cause = cause.cause) {
    text += ' <- ' + (cause.code ? cause.code + ': ' : '') + cause.message;
  }
  return text;
}

function runCase(testCase) {
  try {
    const root = TrustedRoot.fromJSON(readJson(testCase.trustedRoot));
    const keys = {};
    for (const [hint, der] of Object.entries(testCase.keys || {})) {
      keys[hint] = { rawBytes: Buffer.from(der, 'base64') };
    }
    const verifier = new Verifier(toTrustMaterial(root, keys));
    const bundle = bundleFromJSON(readJson(testCase.bundle));
    const artifact = testCase.artifact ? fs.readFileSync(testCase.artifact) : undefined;
    verifier.verify(toSignedEntity(bundle, artifact), policyOf(testCase.policy));
    return { name: testCase.name, verified: true };
  } catch (error) {
    return { name: testCase.name, verified: false, error: describe(error) };
  }
}

const cases = readJson(casesPath).cases;
process.stdout.write(JSON.stringify(cases.map(runCase)));
