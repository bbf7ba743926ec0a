// node verify-issued.mjs <issuer base URL> <credential id> [<VC-JWT credential id>]
// Fetches a credential as a running issuer-service serves it to learners (JSON-LD, and optionally a VC-JWT), the
// issuer's did:web document and the status lists the credential names, and verifies them with Digital Bazaar's
// implementation (jsonld.js in safe mode: an undefined term fails) and Node's own Ed25519. Exit code 1 on failure.
import crypto from 'node:crypto';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {loaderFor} from './loader.mjs';

const [base, credentialId, jwtCredentialId] = process.argv.slice(2);
const fetchJson = async url => {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return response.json();
};
// did:web:host%3Aport:providers:id -> <base>/providers/id/did.json, served by the issuer under test
const didUrl = did => `${base}/${did.split(':').slice(3).join('/')}/did.json`;
let failures = 0;

async function verifyDataIntegrity(label, document) {
  const issuer = typeof document.issuer === 'string' ? document.issuer : document.issuer.id;
  const didDocument = await fetchJson(didUrl(issuer));
  const documentLoader = loaderFor([didDocument]);
  const result = await jsigs.verify(document, {
    suite: new DataIntegrityProof({cryptosuite}),
    purpose: new jsigs.purposes.AssertionProofPurpose({controller: didDocument}),
    documentLoader,
    safe: true,
  });
  failures += result.verified ? 0 : 1;
  console.log(`${result.verified ? 'ok  ' : 'FAIL'} ${label}: verified=${result.verified}`
    + (result.verified ? '' : ` ${JSON.stringify(result.error?.errors?.map(e => e.message) ?? result.error)}`));
  return didDocument;
}

const credential = await fetchJson(`${base}/credentials/${credentialId}`);
await verifyDataIntegrity(`credential ${credentialId} (eddsa-rdfc-2022)`, credential);
const statuses = [].concat(credential.credentialStatus ?? []);
for (const status of statuses) {
  await verifyDataIntegrity(`status list ${status.statusListCredential}`, await fetchJson(status.statusListCredential));
}
const tampered = structuredClone(credential);
tampered.validFrom = '2020-01-01T00:00:00Z';
const issuerDid = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
const tamperedResult = await jsigs.verify(tampered, {
  suite: new DataIntegrityProof({cryptosuite}),
  purpose: new jsigs.purposes.AssertionProofPurpose({controller: await fetchJson(didUrl(issuerDid))}),
  documentLoader: loaderFor([await fetchJson(didUrl(issuerDid))]),
  safe: true,
});
failures += tamperedResult.verified ? 1 : 0;
console.log(`${tamperedResult.verified ? 'FAIL' : 'ok  '} the same credential with validFrom changed: verified=${tamperedResult.verified}`);

if (jwtCredentialId) {
  const token = (await (await fetch(`${base}/credentials/${jwtCredentialId}.jwt`)).text()).trim();
  const [header64, payload64, signature64] = token.split('.');
  const header = JSON.parse(Buffer.from(header64, 'base64url'));
  const payload = JSON.parse(Buffer.from(payload64, 'base64url'));
  const didDocument = await fetchJson(didUrl(header.kid.split('#')[0]));
  const method = didDocument.verificationMethod.find(m => m.id === header.kid);
  const jwk = await Ed25519Multikey.toJwk({keyPair: await Ed25519Multikey.from(method)});
  const signatureOk = crypto.verify(null, Buffer.from(`${header64}.${payload64}`),
    crypto.createPublicKey({key: jwk, format: 'jwk'}), Buffer.from(signature64, 'base64url'));
  const payloadIssuer = typeof payload.issuer === 'string' ? payload.issuer : payload.issuer.id;
  const ok = header.alg === 'EdDSA' && header.typ === 'vc+jwt' && signatureOk && payloadIssuer === method.controller;
  failures += ok ? 0 : 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${jwtCredentialId}.jwt: alg=${header.alg} typ=${header.typ} signature=${signatureOk}`);
}
process.exit(failures === 0 ? 0 : 1);
