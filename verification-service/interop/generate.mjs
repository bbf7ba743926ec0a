// node generate.mjs <dir>: signs an Open Badges 3.0 credential under a fresh did:key with implementations other
// than this project's — Digital Bazaar's @digitalbazaar/vc (Data Integrity eddsa-rdfc-2022) and panva's jose
// (VC-JWT, EdDSA) — checks both with those same libraries, and writes them, plus one tampered copy of each, as the
// verification-service's test fixtures. Contexts come from the credentials module's bundled copies: nothing is
// fetched.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {CompactSign, compactVerify, importJWK} from 'jose';

const contextDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../../credentials/src/main/resources/ca/microcred/credentials/contexts');
const contexts = {
  'https://www.w3.org/ns/credentials/v2': 'v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'context-3.0.3.json',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
};

// did:key documents are derived from the DID itself; contexts from the bundled files; anything else is refused
async function documentLoader(url) {
  if (contexts[url]) {
    return {contextUrl: null, documentUrl: url,
      document: JSON.parse(fs.readFileSync(path.join(contextDir, contexts[url]), 'utf8'))};
  }
  const [did] = url.split('#');
  if (!did.startsWith('did:key:z6Mk')) {
    throw new Error(`refusing to load ${url}`);
  }
  const multikey = did.slice('did:key:'.length);
  const method = {'@context': 'https://w3id.org/security/multikey/v1', id: `${did}#${multikey}`, type: 'Multikey',
    controller: did, publicKeyMultibase: multikey};
  const document = {'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did, verificationMethod: [method], assertionMethod: [method.id]};
  return {contextUrl: null, documentUrl: url, document: url.includes('#') ? method : document};
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node generate.mjs <fixture directory>');
  process.exit(2);
}
fs.mkdirSync(dir, {recursive: true});

const keyPair = await Ed25519Multikey.generate();
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
keyPair.controller = did;

function credential() {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Welding Safety Essentials',
    issuer: {id: did, type: ['Profile'], name: 'Independent Trades Institute'},
    validFrom: '2025-01-15T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{type: 'IdentityObject', identityHash: 'sha256$' + 'c3'.repeat(32),
        identityType: 'emailAddress', hashed: true, salt: 'b4c1'}],
      achievement: {
        id: 'https://trades.example.org/achievements/welding-safety',
        type: ['Achievement'],
        name: 'Welding Safety Essentials',
        description: 'Applies shop safety, PPE and hot-work procedures.',
        criteria: {narrative: 'Passed the practical safety assessment.'},
        alignment: [{type: ['Alignment'], targetName: 'Apply health and safety standards',
          targetUrl: 'http://data.europa.eu/esco/skill/apply-health-and-safety-standards',
          targetFramework: 'ESCO'}],
      },
    },
  };
}

// Data Integrity, eddsa-rdfc-2022, by @digitalbazaar/vc
const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite});
const signed = await vc.issue({credential: credential(), suite, documentLoader});
const check = await vc.verifyCredential({credential: signed, documentLoader,
  suite: new DataIntegrityProof({cryptosuite})});
if (!check.verified) {
  throw new Error('@digitalbazaar/vc does not verify its own credential: ' + JSON.stringify(check.error));
}
const tampered = structuredClone(signed);
tampered.credentialSubject.achievement.name = 'Advanced Welding Safety';

// VC-JWT (VC JOSE-COSE: the credential is the payload), EdDSA, by jose
const jwk = await Ed25519Multikey.toJwk({keyPair, secretKey: true});
// the multikey secret is seed and public key (64 bytes); a JWK's d is the 32-byte seed alone
jwk.d = Buffer.from(jwk.d, 'base64url').subarray(0, 32).toString('base64url');
const privateKey = await importJWK(jwk, 'EdDSA');
const payload = credential();
const header = {alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: keyPair.id};
const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
  .setProtectedHeader(header).sign(privateKey);
await compactVerify(jwt, await importJWK({kty: jwk.kty, crv: jwk.crv, x: jwk.x}, 'EdDSA'));
const [h, , s] = jwt.split('.');
const forgedPayload = {...payload, name: 'Master Welder'};
const tamperedJwt = [h, Buffer.from(JSON.stringify(forgedPayload)).toString('base64url'), s].join('.');

const write = (name, text) => fs.writeFileSync(path.join(dir, name), text);
write('independent-eddsa-rdfc-2022.json', JSON.stringify(signed, null, 2) + '\n');
write('independent-eddsa-rdfc-2022-tampered.json', JSON.stringify(tampered, null, 2) + '\n');
write('independent-vc.jwt', jwt + '\n');
write('independent-vc-tampered.jwt', tamperedJwt + '\n');
write('independent-issuer.json', JSON.stringify({did, verificationMethod: keyPair.id,
  generatedBy: ['@digitalbazaar/vc', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', 'jose'],
  generatedAt: new Date().toISOString()}, null, 2) + '\n');
console.log(`fixtures signed by ${keyPair.id} written to ${dir}`);
