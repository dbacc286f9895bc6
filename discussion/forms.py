from django import forms
from django_comments_xtd.forms import XtdCommentForm

from . import markup

MAX_LENGTH = 5000
# What every form carries in its hidden fields to prove where and when it was served.
SECURITY_FIELDS = {"content_type", "object_pk", "timestamp", "security_hash"}


class CommentForm(XtdCommentForm):
    """The reader's form: "Leave a Reply" fields with plain labels, the honeypot kept out of
    sight, and the honeypot left to the moderation rules (spam, silently) instead of an error.
    Comments may be 5,000 characters long (django-comments' model keeps its own default, so
    its migrations stay as they are)."""

    comment = forms.CharField(label="Comment", max_length=MAX_LENGTH, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["comment"].label = "Comment"
        fields["comment"].max_length = MAX_LENGTH
        fields["comment"].widget = forms.Textarea(attrs={"rows": 6, "maxlength": MAX_LENGTH})
        fields["comment"].help_text = markup.HELP_TEXT
        fields["name"].label = "Name"
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["email"].label = "Email"
        fields["email"].help_text = ""
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["url"].label = "Website"
        fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url"})
        fields["followup"].label = "E-mail me when someone replies"
        fields["honeypot"].label = "Leave this field empty"
        fields["honeypot"].widget = forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_blank(self):
        """Unbound, with nothing typed in and replying to nothing."""
        return not self.is_bound and self.initial.keys() <= SECURITY_FIELDS

    def clean_honeypot(self):
        # A filled honeypot marks the comment as spam (discussion.rules), without telling.
        return self.cleaned_data["honeypot"]

    def clean_comment(self):
        comment = super().clean_comment()
        if not comment.strip():
            raise forms.ValidationError("Write a comment.", code="required")
        if markup.unclosed(comment):
            # Shown unclosed, the passage the commenter meant to hide would be in plain sight.
            raise forms.ValidationError(
                f"Close each {markup.OPEN} with {markup.CLOSE}, or take it out.",
                code="unclosed_spoiler",
            )
        return comment.strip()

    def clean_reply_to(self):
        reply_to = self.cleaned_data["reply_to"]
        if reply_to < 0:
            raise forms.ValidationError("That is not a comment to reply to.")
        return reply_to

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give a name.", code="required")
        return name
