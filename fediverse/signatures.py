"""HTTP Signatures on what the site sends and receives, by the kept libraries, no code of our own.

Chosen by trying them on Mastodon's recorded requests (tests/fediverse/test_mastodon_signatures.py):
bovine 0.5.19's crypto helpers answer as Mastodon does on ten of the eleven (the one they
refuse signs a GET's query string, which bovine leaves out of `(request-target)`; inboxes take
no query), so they sign and verify draft-cavage signatures here. apkit 0.3.8 (apsig) verified a
POST whose Digest was not signed (a body can then be swapped along with its digest) and raised
on a bad Date. bovine's RFC 9421 path fails on the http-sf it installs with (a parse error on
any `Signature-Input`), so RFC 9421 signatures go to http-message-signatures 3.0.0, which does
RFC 9421 only.

Sent: draft-cavage `rsa-sha256` over `(request-target) host date digest` (POST) or
`(request-target) host date` (GET), as Mastodon sends and requires. Received: draft-cavage
signatures must cover (request-target) and the Date (within five minutes) and, on a POST, the
body's digest; RFC 9421 ones the method, the path and (POST) `content-digest`, created at most
five minutes before."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formatdate

from bovine.crypto import build_validate_http_signature_raw
from bovine.crypto.helper import content_digest_sha256
from bovine.crypto.http_signature import HttpSignature
from bovine.crypto.signature import Signature
from bovine.crypto.types import CryptographicIdentifier
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from http_message_signatures import (
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException
from http_sf import parse as parse_structured_field

from . import keys

MAX_CLOCK_SKEW = timedelta(minutes=5)


class SignatureError(Exception):
    """The request is unsigned, or its signature does not hold."""


def signed_headers(owner, key_id, method, host, path, body=None):
    """Headers that sign a request from the actor `owner` (its key `key_id`)."""
    date = formatdate(usegmt=True)
    signature = (
        HttpSignature()
        .with_field("(request-target)", f"{method.lower()} {path}")
        .with_field("host", host)
        .with_field("date", date)
    )
    headers = {"Host": host, "Date": date}
    if body is not None:
        digest = content_digest_sha256(body, prefix="SHA-256")
        signature.with_field("digest", digest)
        headers["Digest"] = digest
    headers["Signature"] = signature.sign_for_http_draft(keys.secret(owner, key_id))
    return headers


def key_id_of(headers):
    """The keyId a request's signature names; SignatureError if it has none that parses."""
    try:
        if "signature-input" in headers:
            inputs = parse_structured_field(
                headers["signature-input"].encode(), tltype="dictionary"
            )
            [(_, (_, params))] = inputs.items()
            key_id = params["keyid"]
        else:
            key_id = Signature.from_signature_header(headers["signature"]).key_id
    except Exception as error:  # the parsers raise what they like on hostile headers
        raise SignatureError("The request is not signed") from error
    if not isinstance(key_id, str) or not key_id:
        raise SignatureError("The request is not signed")
    return key_id


def verify(method, url, headers, body, key_for):
    """The id of the actor whose key signed the request; SignatureError if none did.

    `headers` with lower-case names. `key_for(key_id, refresh)` gives the (public key PEM,
    owner) of a key, or None; a failure with the kept key is tried once more with the key
    fetched again, for an actor that changed its key."""
    key_id = key_id_of(headers)
    check = _rfc9421 if "signature-input" in headers else _cavage
    for refresh in (False, True):
        # Read (or fetched) before any library runs: the ORM is not for bovine's async code.
        known = key_for(key_id, refresh)
        if known is None and refresh:
            break
        owner = check(method, url, headers, body, key_id, known)
        if owner:
            return owner
    raise SignatureError("The signature does not verify")


def _cavage(method, url, headers, body, key_id, known):
    async def retrieve(asked):
        if known is None or asked != key_id:
            return None
        return CryptographicIdentifier.from_pem(*known)

    async def read_body():
        return body

    checker = build_validate_http_signature_raw(retrieve)
    return run_coroutine(checker(method, url, headers, read_body))


def run_coroutine(coroutine):
    """`asyncio.run(coroutine)`, also in a thread that already runs an event loop (an ASGI
    server's, or playwright's in the tests), where asyncio.run refuses: then on a thread of its
    own. bovine's check is a coroutine that waits on nothing, so either way it returns at once."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@dataclass
class _Message:
    method: str
    url: str
    headers: dict


class _KnownKey(HTTPSignatureKeyResolver):
    def __init__(self, key_id, known):
        self.key_id, self.known = key_id, known

    def resolve_public_key(self, key_id):
        if self.known is None or key_id != self.key_id:
            return None
        return load_pem_public_key(self.known[0].encode())


def _rfc9421(method, url, headers, body, key_id, known):
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.RSA_V1_5_SHA256, key_resolver=_KnownKey(key_id, known)
    )
    verifier.max_clock_skew = MAX_CLOCK_SKEW
    required = ["@method", "@path", *(["content-digest"] if method.upper() == "POST" else [])]
    try:
        verifier.verify(
            _Message(method.upper(), url, headers),
            max_age=MAX_CLOCK_SKEW,
            require_components=required,
            body=body if method.upper() == "POST" else None,
        )
    except (InvalidSignature, HTTPMessageSignaturesException, ValueError):
        return None
    return known[1]
