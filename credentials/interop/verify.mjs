// node verify.mjs <dir>: verifies what InteropSamples wrote, with jsonld.js in safe mode and the
// eddsa-rdfc-2022 cryptosuite of Digital Bazaar; the VC-JWT with Node's own Ed25519. Exit code 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {loaderFor} from './loader.mjs';

const dir = process.argv[2];
const read = name => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const didDocument = read('did.json');
const documentLoader = loaderFor([didDocument]);
let failures = 0;

async function verifyDataIntegrity(name, expectVerified, change) {
  const credential = read(name);
  if (change) {
    change(credential);
  }
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  const controller = (await documentLoader(issuer)).document;
  const result = await jsigs.verify(credential, {
    suite: new DataIntegrityProof({cryptosuite}),
    purpose: new jsigs.purposes.AssertionProofPurpose({controller}),
    documentLoader,
    safe: true,
  });
  const ok = result.verified === expectVerified;
  failures += ok ? 0 : 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${change ? ' (tampered)' : ''}: verified=${result.verified}`);
}

await verifyDataIntegrity('credential-did-web.json', true);
await verifyDataIntegrity('credential-did-key.json', true);
await verifyDataIntegrity('status-list.json', true);
await verifyDataIntegrity('credential-did-web.json', false, c => { c.credentialSubject.achievement.workloadHours = 46; });

const token = fs.readFileSync(path.join(dir, 'credential.jwt'), 'utf8').trim();
const [header64, payload64, signature64] = token.split('.');
const header = JSON.parse(Buffer.from(header64, 'base64url'));
const payload = JSON.parse(Buffer.from(payload64, 'base64url'));
const method = didDocument.verificationMethod.find(m => m.id === header.kid);
const jwk = await Ed25519Multikey.toJwk({keyPair: await Ed25519Multikey.from(method)});
const signatureOk = crypto.verify(null, Buffer.from(`${header64}.${payload64}`),
  crypto.createPublicKey({key: jwk, format: 'jwk'}), Buffer.from(signature64, 'base64url'));
const jwtOk = header.alg === 'EdDSA' && header.typ === 'vc+jwt' && signatureOk && payload.issuer.id === method.controller;
failures += jwtOk ? 0 : 1;
console.log(`${jwtOk ? 'ok  ' : 'FAIL'} credential.jwt: alg=${header.alg} typ=${header.typ} signature=${signatureOk}`);
process.exit(failures === 0 ? 0 : 1);
