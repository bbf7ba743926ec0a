// node sign.mjs <dir>: signs the sample credential with a fresh did:key using Digital Bazaar's implementation
// and writes signed-by-digitalbazaar.json for InteropSamples to verify.
import fs from 'node:fs';
import path from 'node:path';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {loaderFor} from './loader.mjs';

const dir = process.argv[2];
const keyPair = await Ed25519Multikey.generate();
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
keyPair.controller = did;
const credential = JSON.parse(fs.readFileSync(path.join(dir, 'credential-did-web.json'), 'utf8'));
delete credential.proof;
credential.issuer.id = did;
const signed = await jsigs.sign(credential, {
  suite: new DataIntegrityProof({signer: keyPair.signer(), cryptosuite}),
  purpose: new jsigs.purposes.AssertionProofPurpose(),
  documentLoader: loaderFor([]),
});
fs.writeFileSync(path.join(dir, 'signed-by-digitalbazaar.json'), JSON.stringify(signed, null, 2));
console.log(`signed with ${keyPair.id}`);
