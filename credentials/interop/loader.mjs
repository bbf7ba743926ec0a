// Static document loader: the library's bundled contexts and the sample's DID documents, never the network.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const contextDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../src/main/resources/ca/microcred/credentials/contexts');
const contexts = {
  'https://www.w3.org/ns/credentials/v2': 'v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'context-3.0.3.json',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
  'https://microcred.ca/ns/microcredential/v1': 'microcredential-v1.jsonld',
};

function didKeyDocument(did) {
  const multikey = did.slice('did:key:'.length);
  const id = `${did}#${multikey}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{id, type: 'Multikey', controller: did, publicKeyMultibase: multikey}],
    assertionMethod: [id],
  };
}

export function loaderFor(didDocuments) {
  return async url => {
    if (contexts[url]) {
      return {contextUrl: null, documentUrl: url,
        document: JSON.parse(fs.readFileSync(path.join(contextDir, contexts[url]), 'utf8'))};
    }
    const [did] = url.split('#');
    const document = did.startsWith('did:key:') ? didKeyDocument(did) : didDocuments.find(d => d.id === did);
    if (!document) {
      throw new Error(`refusing to load ${url}`);
    }
    if (!url.includes('#')) {
      return {contextUrl: null, documentUrl: url, document};
    }
    const method = document.verificationMethod.find(m => m.id === url);
    return {contextUrl: null, documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}};
  };
}
