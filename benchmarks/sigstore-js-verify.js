'use strict';
// Verifies one Sigstore bundle with sigstore-js, offline, for timing next to the countersign CLI
// (cli-startup.sh): the same bundle, artifact, identity and public-good trusted root.
//
// Usage: node sigstore-js-verify.js <node_modules> <trusted_root.json> <bundle> <artifact> <SAN> <issuer>
// Exits 0 when the bundle verifies, 1 otherwise.
const fs = require('fs');
const path = require('path');

const [nodeModules, rootFile, bundleFile, artifactFile, san, issuer] = process.argv.slice(2);
const load = (name) => require(path.resolve(nodeModules, name));
const { bundleFromJSON } = load('@sigstore/bundle');
const { TrustedRoot } = load('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = load('@sigstore/verify');

try {
  const root = TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(rootFile, 'utf8')));
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundleFile, 'utf8')));
  new Verifier(toTrustMaterial(root)).verify(
    toSignedEntity(bundle, fs.readFileSync(artifactFile)),
    { subjectAlternativeName: san, extensions: { issuer } },
  );
  process.stdout.write('verified\n');
} catch (error) {
  process.stderr.write('not verified: ' + error.message + '\n');
  process.exit(1);
}
