"""One RSA key pair per actor, made the first time the actor is needed (bovine's helper, 2048
bits) and kept in the database; only the public half is ever published."""

from bovine.crypto import generate_rsa_public_private_key
from bovine.crypto.types import CryptographicSecret
from django.db import IntegrityError, transaction

from .models import KeyPair


def key_pair(owner):
    found = KeyPair.objects.filter(owner=owner).first()
    if found is not None:
        return found
    public, private = generate_rsa_public_private_key()
    try:
        with transaction.atomic():
            return KeyPair.objects.create(
                owner=owner, public_key_pem=public, private_key_pem=private
            )
    except IntegrityError:  # made at the same moment by another request
        return KeyPair.objects.get(owner=owner)


def public_key(owner):
    return key_pair(owner).public_key_pem


def secret(owner, key_id):
    return CryptographicSecret.from_pem(key_id, key_pair(owner).private_key_pem)
