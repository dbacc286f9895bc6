"""A post's images as the recap's stills: the featured image as the hero, the body's figures
as stills of their section, with caption, credit and alt text. The files come from a copy of
wp-content/uploads or the old site (`ImageFiles`), and pass the checks an editor's upload does."""

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from core import renditions
from core.fetch import BadStatus, FetchError, Refused, TooLarge, fetch
from core.images import validate_image
from recaps.models import Recap, Still

from . import content
from .models import WordPressOrigin
from .report import admin_url

Kind = WordPressOrigin.Kind
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def import_stills(state, item, recap, episode, article, created):
    """The stills go to the pending set (written at the end of the batch), their files and
    renditions saved now; an image that cannot be had is listed for an editor."""
    report = state.report
    recap_admin_url = admin_url(Recap, recap.pk)
    attachments = state.scan.attachments
    figures = list(article.figures)
    thumbnail = int(item.meta.get("_thumbnail_id") or 0)
    hero_index = None
    if thumbnail:
        for index, figure in enumerate(figures):
            if figure.attachment_id == thumbnail:
                hero_index = index
        if hero_index is None:
            attachment = attachments.get(thumbnail)
            figures.insert(
                0,
                content.Figure(
                    src=attachment.attachment_url if attachment else "",
                    section="recap",
                    order=-1,
                    attachment_id=thumbnail,
                ),
            )
            hero_index = 0
    stills = []
    has_hero = False
    for index, figure in enumerate(figures):
        key = f"{figure.attachment_id or hashlib.sha1(figure.src.encode()).hexdigest()[:16]}"
        key = f"{key}@{item.id}"
        if (Kind.STILL, key) in state.origins:
            has_hero = has_hero or index == hero_index
            continue
        attachment = attachments.get(figure.attachment_id or 0)
        url = (attachment.attachment_url if attachment else "") or figure.src
        caption = figure.caption or (content.plain_text(attachment.excerpt) if attachment else "")
        caption, credit = content.split_caption(caption)
        credit = figure.credit or credit
        alt = figure.alt or (
            attachment.meta.get("_wp_attachment_image_alt", "") if attachment else ""
        )
        data, problem = state.image_files.fetch(url)
        if data is None:
            report.counts["images_missing"] += 1
            report.add(
                "image",
                figure.attachment_id or key,
                "missing",
                problem,
                attention=True,
                url=url,
                title=item.title,
                admin_url=recap_admin_url,
            )
            continue
        report.counts["images_found"] += 1
        has_hero = has_hero or index == hero_index
        provisional = not alt.strip()
        if provisional:
            alt = caption or f"Still from {episode}"
            report.counts["images_provisional_alt"] += 1
            report.add(
                "image",
                figure.attachment_id or key,
                "provisional alt text",
                f"no alt text in WordPress; provisional: “{alt}”",
                attention=True,
                url=url,
                title=item.title,
                admin_url=recap_admin_url,
            )
        still = Still(
            recap=recap,
            alt_text=alt[:300],
            caption=caption[:300],
            credit=credit[:200],
            section=figure.section,
            order=index,
            is_hero=index == hero_index,
        )
        if state.dry_run:
            continue
        # Stored under a name of ours, by the format Pillow finds (core.stored_images).
        still.image.save(PurePosixPath(urlsplit(url).path).name, ContentFile(data), save=False)
        # After the save, which clears them: Django reads no size from an unnamed file.
        with Image.open(io.BytesIO(data)) as image:
            still.width, still.height = image.size
        stills.append((key, url, still))
    if not has_hero and recap.status == Recap.Status.PUBLISHED:
        report.add(
            "post",
            item.id,
            "no hero still",
            "live without a hero still: choose one before its next edit is published",
            attention=True,
            url=item.link,
            title=item.title,
            admin_url=recap_admin_url,
        )
    if not stills:
        return
    if not created and any(still.is_hero for _, _, still in stills):
        Still.objects.filter(recap=recap, is_hero=True).update(is_hero=False)
    for _, _, still in stills:
        # bulk_create skips the save that makes renditions: make them now, not on a read.
        renditions.generate_all(still, "image")
    state.pending.stills.extend(stills)


def upload_path(relative):
    """`relative` as a path inside the uploads folder, or None when it would leave it: an
    absolute path (`//host/…` included), a `..`, a backslash or a control character."""
    parts = PurePosixPath(relative).parts
    if (
        not parts
        or relative.startswith("/")
        or ".." in parts
        or "\\" in relative
        or not relative.isprintable()
    ):
        return None
    return PurePosixPath(*parts)


@dataclass
class ImageFiles:
    """Where an import reads images: a copy of wp-content/uploads, the old site, or both."""

    uploads: Path | None
    media_base_url: str | None  # ends with a slash
    max_bytes: int

    @classmethod
    def of(cls, uploads, media_base_url, max_bytes):
        return cls(
            uploads=Path(uploads).resolve() if uploads else None,
            media_base_url=media_base_url.rstrip("/") + "/" if media_base_url else None,
            max_bytes=max_bytes,
        )

    def fetch(self, url):
        """The image's bytes, validated like an editor's upload, or (None, why not).

        The export names the file by a URL on the old site; only its path under
        wp-content/uploads counts, looked up in --uploads, then under --media-base-url."""
        if not url:
            return None, "no file is named for it"
        path = urlsplit(url).path
        if "/wp-content/uploads/" in path:
            relative = unquote(path.split("/wp-content/uploads/", 1)[1])
            candidates = [relative]
            if _SIZE_SUFFIX.search(relative):
                candidates.insert(0, _SIZE_SUFFIX.sub("", relative))  # the original, not a resize
        else:
            relative = None
            candidates = [PurePosixPath(path).name]
        if not all(candidates):
            return None, "no file is named for it"
        inside = [upload_path(candidate) for candidate in candidates]
        if None in inside:
            return None, f"refused: {url} names a file outside the uploads folder"
        data = None
        if self.uploads and relative:
            for candidate in inside:
                file = (self.uploads / candidate).resolve()
                if file.is_relative_to(self.uploads) and file.is_file():
                    if file.stat().st_size > self.max_bytes:
                        return None, f"{file.name} is larger than the upload limit"
                    data = file.read_bytes()
                    break
        problem = ""
        if data is None and self.media_base_url:
            for candidate in inside:
                # Appended to the base, never joined: a path that starts with // must not
                # name another host.
                data, problem = self._download(self.media_base_url + quote(str(candidate)))
                if data is not None or problem:
                    break
        if problem:
            return None, problem
        if data is None:
            where = (
                "--uploads or --media-base-url"
                if not (self.uploads or self.media_base_url)
                else "the given uploads"
            )
            return None, f"the file was not found in {where}"
        file = ContentFile(data, name=PurePosixPath(path).name)
        try:
            validate_image(file)
        except ValidationError as error:
            return None, " ".join(error.messages)
        return data, ""

    def _download(self, url):
        """(bytes, "") — or (None, "") when the old site has no such file, (None, why) when
        it has one we refuse or cannot fetch. The operator typed --media-base-url, so its host
        may be on a private network; nothing else is fetched, redirects included."""
        try:
            fetched = fetch(
                url,
                max_bytes=self.max_bytes,
                origins=[self.media_base_url],
                trusted_origins=[self.media_base_url],
                accept="image/*",
            )
        except BadStatus as error:
            return None, "" if error.status in (404, 410) else str(error)
        except TooLarge:
            return None, f"{url} is larger than the upload limit"
        except Refused as error:
            return None, f"refused: {error}"
        except FetchError as error:
            return None, str(error)
        return fetched.body, ""
