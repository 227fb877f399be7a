#!/usr/bin/env node
// Verifies a message Bundle signed by ReferralHub (docs/message-signing.md) with the `jose` library and only the hub's
// published JWK Set. Two forms:
//   node verify.mjs --jwks <url|file> --body <file> --jws <jws|@file>   the detached JWS of a webhook or AMQP delivery
//                                                                       (X-ReferralHub-JWS) over the body's exact bytes
//   node verify.mjs --jwks <url|file> --bundle <file>                   Bundle.signature, over the Bundle's canonical
//                                                                       JSON (RFC 8785) without its signature
// Prints the key id and the signing time and exits 0 when the signature verifies; exits 1 when it does not, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { base64url, compactVerify, createLocalJWKSet, createRemoteJWKSet } from 'jose';

const usage = 'usage: verify.mjs --jwks <url|file> (--body <file> --jws <jws|@file> | --bundle <file>)';

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

async function keySet(source) {
  if (/^https?:\/\//.test(source)) {
    return createRemoteJWKSet(new URL(source));
  }
  return createLocalJWKSet(JSON.parse(await readFile(source, 'utf8')));
}

// RFC 8785: members sorted by UTF-16 code units (JavaScript's default sort), JSON.stringify's strings and numbers.
function canonicalJson(value) {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// The signed bytes and the detached JWS (header..signature) over them.
async function signedContent(options) {
  if (options.bundle) {
    const bundle = JSON.parse(await readFile(options.bundle, 'utf8'));
    const signature = bundle.signature;
    if (!signature || signature.sigFormat !== 'application/jose' || typeof signature.data !== 'string') {
      fail('the Bundle has no Bundle.signature with sigFormat application/jose');
    }
    delete bundle.signature;
    return { payload: new TextEncoder().encode(canonicalJson(bundle)), jws: Buffer.from(signature.data, 'base64').toString('ascii') };
  }
  const jws = options.jws.startsWith('@') ? (await readFile(options.jws.slice(1), 'utf8')).trim() : options.jws;
  return { payload: new Uint8Array(await readFile(options.body)), jws };
}

const { values: options } = parseArgs({
  options: { jwks: { type: 'string' }, body: { type: 'string' }, jws: { type: 'string' }, bundle: { type: 'string' } },
});
if (!options.jwks || (options.bundle ? options.body || options.jws : !(options.body && options.jws))) {
  fail(usage, 2);
}

const { payload, jws } = await signedContent(options);
const [header, detached, signature, ...rest] = jws.split('.');
if (detached !== '' || rest.length > 0 || !header || !signature) {
  fail('the signature is not a detached compact JWS (header..signature)');
}

try {
  const { protectedHeader } = await compactVerify(`${header}.${base64url.encode(payload)}.${signature}`, await keySet(options.jwks), {
    algorithms: ['ES256'],
  });
  console.log(`verified: kid=${protectedHeader.kid} signed=${protectedHeader.sigT}`);
} catch (error) {
  fail(`not verified: ${error.code ?? error.name}: ${error.message}`);
}
