"""Image files leave the media storage with the last row that names them.

Deleting a row (one by one, in bulk or by cascade), or giving it another image or none, removes
the file it named and every rendition imagekit made of it, on the task worker once the
transaction commits: a rolled-back delete keeps its files, a reader never meets a row whose
file is already gone, and the editor's request touches no storage.
Every model whose image field is the source of ImageSpecFields is watched (`connect()`), so a
new one needs nothing more than its renditions.

Which rows keep a file. Every file field of every model is asked, because names are shared on
purpose: the bench and demo loaders point many stills at one file, and an import or a hand edit
can point a poster at a still's file. A kind of row (model and field) keeps the renditions its
own specs made, so when the last still naming a file goes its renditions go, even while a
poster still shows the file itself.

Revisions do not keep files. django-reversion stores every admin save of a recap with its
stills, so counting revisions would keep every still ever uploaded, and a still is deleted most
often because it must stop being served (the wrong episode, a spoiler, a rights complaint),
which a file left in a public bucket would not do. A revert that would bring back a still whose
file is gone leaves it out instead (recaps.restored_stills).
"""

from functools import cache, partial

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_init, post_save, pre_delete
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.models.fields.utils import ImageSpecFileDescriptor

from . import tasks

#: Where an instance keeps the names its image fields had in the database.
STORED = "_stored_image_names"


@cache
def renditions_by_source(model):
    """{image field name: names of the model's rendition attributes made from it}."""
    descriptors = {}
    for klass in reversed(model.__mro__):
        descriptors.update(
            (name, value)
            for name, value in vars(klass).items()
            if isinstance(value, ImageSpecFileDescriptor)
        )
    by_source = {}
    for name, descriptor in descriptors.items():
        by_source.setdefault(descriptor.source_field_name, []).append(name)
    return {source: tuple(names) for source, names in by_source.items()}


def rendition_files(model, field_name, source_name):
    """The cache files of `model.<field_name>`'s renditions of the file `source_name`, named as
    imagekit names them when it makes them (source name and spec, hashed)."""
    field = model._meta.get_field(field_name)
    source = field.attr_class(None, field, source_name)
    return [
        ImageCacheFile(getattr(model, attname).get_spec(source=source))
        for attname in renditions_by_source(model)[field_name]
    ]


def holders(name):
    """The (model, field name) pairs of which some row names the file `name`."""
    return {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
        and model._base_manager.filter(**{field.attname: name}).exists()
    }


def remove_unheld(model, field_name, name):
    """Remove the file `name` and the renditions `model.<field_name>` made of it, keeping what
    a row still names."""
    held_by = holders(name)
    if (model, field_name) in held_by:
        return
    kept = {
        file.name
        for other, other_field in held_by
        if other_field in renditions_by_source(other)
        for file in rendition_files(other, other_field, name)
    }
    for file in rendition_files(model, field_name, name):
        if file.name not in kept:
            file.storage.delete(file.name)
            # imagekit remembers that a rendition exists; a later upload of the same name
            # would otherwise never be rendered again.
            file.cachefile_backend.set_state(file, CacheFileState.DOES_NOT_EXIST)
    if not held_by:
        model._meta.get_field(field_name).storage.delete(name)


def remove_after_commit(model, field_name, name, using):
    if name:
        # The task worker removes them (core.tasks.remove_files): an editor's delete waits on
        # no storage, and one that fails is tried again there. Queued after the commit, so a
        # rolled-back delete keeps its files whatever backend runs the task; robust: a queue
        # that fails then costs a stray file, logged (the partial puts the file's name in
        # Django's log line), not an error page for a delete that has happened.
        transaction.on_commit(
            partial(tasks.remove_files.enqueue, model._meta.label, field_name, name),
            using=using,
            robust=True,
        )


def stored_name(value):
    return value if isinstance(value, str) else getattr(value, "name", None) or ""


def remember_stored(sender, instance, **kwargs):
    # Read from __dict__: a deferred field is not loaded (one query a row) just to be known.
    # Such a field is not followed: replacing it leaves the old file behind, a stray file
    # rather than a lost one.
    instance.__dict__[STORED] = {
        field: stored_name(instance.__dict__[field])
        for field in renditions_by_source(sender)
        if field in instance.__dict__
    }


def remove_replaced(sender, instance, created, raw, update_fields, using, **kwargs):
    stored = instance.__dict__.setdefault(STORED, {})
    for field in renditions_by_source(sender):
        if update_fields is not None and field not in update_fields:
            continue
        before, now = stored.get(field), getattr(instance, field).name or ""
        stored[field] = now
        # A raw save (loaddata, a revert) makes its instance from the data it writes, so what
        # the row held before is not known here; a revert mends its stills itself
        # (recaps.restored_stills).
        if before and before != now and not (created or raw):
            remove_after_commit(sender, field, before, using)


def remove_deleted(sender, instance, using, **kwargs):
    # pre_delete, not post_delete: a deferred field can still be read from the row.
    for field in renditions_by_source(sender):
        remove_after_commit(sender, field, getattr(instance, field).name, using)


def connect():
    for model in apps.get_models():
        if renditions_by_source(model):
            uid = f"core.mediafiles.{model._meta.label_lower}"
            post_init.connect(remember_stored, sender=model, dispatch_uid=uid)
            post_save.connect(remove_replaced, sender=model, dispatch_uid=uid)
            pre_delete.connect(remove_deleted, sender=model, dispatch_uid=uid)
