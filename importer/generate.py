"""A made-up WordPress export of any size, for the import benchmark and the query-count tests.

Every post is a recap in the recap sites' shape (headline, lead, pasted show facts, Recap /
Bonus Track / Review headings, a captioned still that is also the featured image), with
threaded comments; a few are held, pingbacks or spam. The images go into an uploads folder."""

import io
from pathlib import Path

from PIL import Image

SITE = "https://bench.example.com"
WORDS = (
    "harbour lantern ledger ferry gull market rooftop quay tide rumour promise letter "
    "station rain piano song secret captain sister brother night morning"
).split()


def _sentence(seed, length=14):
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(seed, sentences=4):
    return " ".join(_sentence(seed + i) for i in range(sentences))


def _image_bytes(seed):
    buffer = io.BytesIO()
    color = (seed * 37 % 256, seed * 91 % 256, seed * 53 % 256)
    Image.new("RGB", (64, 36), color).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def _comment(cid, parent, approved, kind, day, text):
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[Reader {cid % 97}]]></wp:comment_author>"
        f"<wp:comment_author_email><![CDATA[reader{cid % 97}@example.com]]>"
        "</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
        f"<wp:comment_author_IP><![CDATA[192.0.2.{cid % 250 + 1}]]></wp:comment_author_IP>"
        f"<wp:comment_date_gmt><![CDATA[{day} {10 + cid % 10}:{cid % 60:02d}:00]]>"
        f"</wp:comment_date_gmt><wp:comment_content><![CDATA[{text}]]></wp:comment_content>"
        f"<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>"
        f"<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
    )


def write_export(path, posts=100, comments_per_post=5, uploads=None, episodes_per_show=16):
    """Write an export of `posts` recaps (one image each) to `path`, and the images to
    `uploads` when given. Returns the number of comments written."""
    path = Path(path)
    uploads = Path(uploads) if uploads else None
    comment_id = 1_000_000
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Bench Recaps</title><link>{SITE}</link>"
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for author in range(5):
            out.write(
                f"<wp:author><wp:author_login><![CDATA[writer{author}]]></wp:author_login>"
                f"<wp:author_email>writer{author}@example.com</wp:author_email>"
                f"<wp:author_display_name><![CDATA[Writer Number{author}]]>"
                "</wp:author_display_name></wp:author>\n"
            )
        for n in range(posts):
            post_id = n + 1
            image_id = 500_000 + post_id
            show_number = n // episodes_per_show + 1
            episode = n % episodes_per_show + 1
            show = f"Bench Show {show_number}"
            slug = f"bench-show-{show_number}"
            day = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
            file = f"{n % 12 + 1:04d}/bench-{post_id}.jpg"
            if uploads:
                target = uploads / file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_image_bytes(post_id))
            heading = f"{show} Episode {episode}"
            body = (
                f"<!-- wp:paragraph --><p>{_paragraph(n)}</p><!-- /wp:paragraph -->\n"
                f"<p>{show} stars Ada Kim and Ben Cho in lead roles, along with Cy. Ada Kim was "
                "last seen in Paper Boats.</p>\n"
                f"<h2>{heading} Recap</h2>\n<p>{_paragraph(n + 1)}</p>\n"
                f'[caption id="attachment_{image_id}" width="64"]<img class="wp-image-{image_id}" '
                f'src="{SITE}/wp-content/uploads/{file}" alt="" /> Still From {heading}'
                "[/caption]\n"
                f"<p>{_paragraph(n + 2)}</p>\n<h2>{heading} Bonus Track</h2>\n"
                f"<p>{_sentence(n)}</p>\n<h2>{heading} Review</h2>\n<p>{_paragraph(n + 3)}</p>\n"
                f'<p>Also Read: <a href="{SITE}/bench-{max(1, post_id - 1)}/">the last one</a></p>'
            )
            comments = []
            root = None
            for c in range(comments_per_post):
                comment_id += 1
                kind, approved, parent = "comment", "1", 0
                if c % 5 == 1 or c % 5 == 2:
                    parent = comment_id - 1  # a reply, and a reply to the reply
                elif c % 5 == 3:
                    approved = "0"
                elif c % 5 == 4 and (n + c) % 2 == 0:
                    kind = "pingback"
                elif c % 5 == 4:
                    approved = "spam"
                root = root or comment_id
                comments.append(
                    _comment(comment_id, parent, approved, kind, day, _sentence(comment_id, 9))
                )
                written += 1
            out.write(
                f"<item><title>{heading} Recap and Review: {_sentence(n, 4)[:-1]}</title>"
                f"<link>{SITE}/bench-{post_id}/</link>"
                f"<dc:creator><![CDATA[writer{n % 5}]]></dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_date_gmt>{day} 09:00:00</wp:post_date_gmt>"
                f"<wp:post_name>bench-{post_id}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="{slug}"><![CDATA[{show}]]></category>'
                f'<category domain="post_tag" nicename="tag-{n % 50}"><![CDATA[Tag {n % 50}]]>'
                "</category><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{image_id}</wp:meta_value></wp:postmeta>\n"
                + "".join(comments)
                + "</item>\n"
                f"<item><title>bench-{post_id}</title>"
                f"<link>{SITE}/bench-{post_id}/still-{post_id}/</link>"
                f"<wp:post_id>{image_id}</wp:post_id><wp:status>inherit</wp:status>"
                f"<wp:post_parent>{post_id}</wp:post_parent>"
                "<wp:post_type>attachment</wp:post_type>"
                f"<wp:attachment_url>{SITE}/wp-content/uploads/{file}</wp:attachment_url></item>\n"
            )
        out.write("</channel>\n</rss>\n")
    return written
